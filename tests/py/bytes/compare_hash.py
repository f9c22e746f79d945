print(b"a" < b"b", b"abc" == bytearray(b"abc"), hash(b"x") == hash(b"x"), b"" == bytes())
try:
    hash(bytearray(b"x"))
except TypeError as e:
    print(e)
