def g():
    x = yield
    y = yield x * 2
    yield x + y
it = g()
next(it)
print(it.send(3), it.send(4))
