print((2.5).is_integer(), (3.0).is_integer(), (0.75).as_integer_ratio(), (3.14).hex(), float.fromhex("0x1.8p1"))
print(round(2.675, 2), round(0.5), round(1.5), round(2.5), round(-0.5), round(3.14159, 3), round(1234.5, -2))
print(int(2.9), float("  1.5 "), float("inf"), float("-Infinity"), float("1e5"), float("1_0.5"))
try:
    float("abc")
except ValueError as e:
    print(e)
