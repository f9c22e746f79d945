def f():
    yield from x
    x = yield from y
