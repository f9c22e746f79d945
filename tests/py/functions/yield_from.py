def inner():
    x = yield 1
    print("inner got", x)
    yield 2
    return "inner-result"
def outer():
    r = yield from inner()
    print("result", r)
    yield from [10, 20]
g = outer()
print(next(g))
print(g.send("hello"))
print(list(g))
