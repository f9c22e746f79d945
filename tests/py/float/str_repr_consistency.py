vals = [0.1 * i for i in range(10)]
print(vals)
print([float(repr(v)) == v for v in vals].count(True))
