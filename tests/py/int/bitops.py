print(5 & 3, 5 | 3, 5 ^ 3, ~5, -5 & 0xff, 1 << 70, -1 >> 3, (2**70) & (2**69 + 5))
print((255).bit_length(), (-1).bit_length(), (2**100).bit_length(), (7).bit_count())
