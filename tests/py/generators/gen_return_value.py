def g():
    yield 1
    return "done"
def h():
    result = yield from g()
    yield result
print(list(h()))
