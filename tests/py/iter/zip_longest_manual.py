a, b = [1, 2, 3], "ab"
it1, it2 = iter(a), iter(b)
out = []
while True:
    x = next(it1, None); y = next(it2, None)
    if x is None and y is None:
        break
    out.append((x, y))
print(out)
