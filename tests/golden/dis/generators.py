def gen(n):
    for i in range(n):
        yield i
    x = yield
    return x

def delegate(it):
    result = yield from it
    return result
