print([x * 2 for x in range(5)], [x for x in range(10) if x % 3 == 0], [(x, y) for x in range(2) for y in "ab"])
print([[i * j for j in range(3)] for i in range(3)])
print({x % 3 for x in range(10)}, {k: v for k, v in zip("abc", range(3))}, {x: x * x for x in range(4) if x})
