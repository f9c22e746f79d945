print(format(255, "x"), format(255, "#X"), format(255, "o"), format(5, "08b"), format(1234567, ","), format(1234567, "_"))
print(f"{42:+d} {42: d} {-42:d} {42:>8} {42:<8}| {42:^8}| {42:*^9}")
print(format(65, "c"), format(10, "e"), format(7, ".2f"), format(3, "%"))
print(hex(255), oct(8), bin(-5), hex(-2**70))
