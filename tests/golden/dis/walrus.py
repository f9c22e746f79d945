def f(data):
    if (n := len(data)) > 10:
        return n
    values = [y for x in data if (y := x * 2)]
    return values, y
