for b in (2, 8, 16, 36):
    print(b, int("101", b), int("-Zz", 36) if b == 36 else 0)
print(int("0o777", 0), int("0X1a", 16), int("  +42\n"), int("١٢٣"))
