def g():
    return 5
    yield
try:
    next(g())
except StopIteration as e:
    print(e.value, e.args)
