def f(*args, **kwargs):
    return args, kwargs
print(f())
print(f(1, 2, x=3))
print(f(*[1, 2], *(3,), **{"a": 1}, b=2))
