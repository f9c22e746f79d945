names = ["a", "b", "c"]
for i, (n, u) in enumerate(zip(names, map(str.upper, names)), start=10):
    print(i, n, u)
print(list(zip(*[(1, 2), (3, 4)])))
