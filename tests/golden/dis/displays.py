def f(a, b):
    t = (1, 2, 3)
    l = [1, 2, 3]
    s = {a, b}
    d = {'x': a, 'y': b}
    d2 = {a: 1, **b}
    l2 = [*a, *b, 1]
    t2 = (*a, 1)
    s2 = {*a}
    e = ()
    n = (-1, 2.5, 'x', None)
    return t, l, s, d, d2, l2, t2, s2, e, n
