def f(a, b, *, c, d=4, **kw):
    return a, b, c, d, sorted(kw.items())
print(f(1, 2, c=3))
print(f(1, b=2, c=3, d=5, e=6, z=0))
