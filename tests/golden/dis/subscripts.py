def f(a, i):
    x = a[i]
    y = a[1:2]
    z = a[::2]
    w = a[i, 1:]
    del a[0]
    del a[1:3]
    return x, y, z, w
