x = 1
del x
def f(a, o):
    b = a
    del b, o.attr, a[0]
