print(sum(x * x for x in range(10)))
g = (c.upper() for c in "abc")
print(next(g), list(g))
print(list(x for x in range(3) for y in range(x)))
