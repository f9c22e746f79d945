print(int("42"), int(" -17 "), int("ff", 16), int("0x1f", 0), int("0b101", 0), int("z", 36), int(3.99), int(-3.99), int("1_000"))
print(int(True), int("  12  "), int(b"35"))
for bad in ("", "1.5", "abc", "1__0", "0x"):
    try:
        int(bad)
    except ValueError as e:
        print(e)
