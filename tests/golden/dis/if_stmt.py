def f(x):
    if x:
        return 1
    elif x is None:
        return 2
    elif not x and x > 3:
        return 3
    else:
        return 4
