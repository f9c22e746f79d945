s = set()
for i in (5, 3, 100, 17, 8, 1, 64, 33, 2):
    s.add(i)
print(s)
s.discard(17); s.add(9)
print(s, set(range(20, 0, -3)), {-1, -2, 10**20, 7})
print({(1, 2), (0, 5), (3, 3)}, {1.5, 2.25, 0.5})
