v = 1234.5678
print(format(v, ".2f"), format(v, "e"), format(v, ".3E"), format(v, "g"), format(v, ".10g"), format(v, "%"), format(v, ","), format(v, "015.2f"))
print(format(1e20, "g"), format(1e-7, "g"), format(0.0001, "g"), format(12345678.0, ".3"), format(1.0, ""), format(float("inf"), "f"))
print(f"{3.0:.0f} {2.5:.0f} {0.125:.2f} {-0.0:.1f}")
