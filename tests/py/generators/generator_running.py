def g():
    it.send(None)
    yield
it = g()
try:
    next(it)
except ValueError as e:
    print(e)
