def acc():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v
    return total
g = acc()
print(next(g), g.send(5), g.send(10))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)
