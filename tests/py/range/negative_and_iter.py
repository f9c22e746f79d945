print(list(range(10, 0, -3)), list(range(-5, 5, 4)), range(0, 10, 2)[-1], len(range(0, -10, -1)), 5 in range(0, 10, 5), list(reversed(range(3))))
print(range(3).count(2), range(0, 20, 5).index(15), hash(range(3)) == hash(range(0, 3)), bool(range(0)))
