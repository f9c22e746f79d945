print(str(1), str(1.5), str([1, "a"]), str(None), str(b"x"), repr(str), str("x"), ord("A"), chr(0x1F600), ord("€"))
print(int("5") + len(str(12345)))
