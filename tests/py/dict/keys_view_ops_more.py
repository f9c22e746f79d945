a = {"x": 1, "y": 2}
b = {"y": 3, "z": 4}
print(a.keys() & b.keys(), a.keys() - b.keys(), sorted(a.keys() ^ b.keys()), a.items() & {("x", 1)}, a.keys() == {"x", "y"})
