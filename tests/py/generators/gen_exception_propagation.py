def g():
    yield 1
    raise ValueError("from gen")
it = g()
print(next(it))
try:
    next(it)
except ValueError as e:
    print("caught", e)
print(list(it))
