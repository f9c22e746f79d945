f = lambda a, b=2, *args, c, d=4, **kw: (a, b, args, c, d, kw)
print(f(1, c=3), f(1, 2, 3, c=0, e=5))
