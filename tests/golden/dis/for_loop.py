def f(items):
    total = 0
    for x in items:
        if x:
            continue
        total += x
    else:
        total = -total
    for i, (a, b) in enumerate(items):
        break
    return total
