def f(data):
    a = [x * 2 for x in data]
    b = {x for x in data if x}
    c = {k: v for k, v in data}
    d = (x for x in data)
    e = [x + y for x in data for y in data if x if y]
    g = [y for x in data for y in [x * 2]]
    return a, b, c, d, e, g
