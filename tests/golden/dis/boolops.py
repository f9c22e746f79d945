def f(a, b, c):
    x = a and b
    y = a or b or c
    z = (a and b) or c
    return x if y else z
