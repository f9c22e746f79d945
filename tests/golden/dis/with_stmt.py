def f(a, b):
    with a:
        pass
    with a as x, b as (y, z):
        return x + y
