def f(a, b=2, c=[]):
    c.append(a)
    return a, b, c
print(f(1))
print(f(2, 3))
print(f.__defaults__[0])
