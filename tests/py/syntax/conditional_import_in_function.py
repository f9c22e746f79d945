def f():
    import math
    from math import sqrt as s
    return s(math.pi) > 1
print(f())
