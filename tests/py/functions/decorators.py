def deco(fn):
    def wrapper(*a, **k):
        print("calling", fn.__name__)
        return fn(*a, **k)
    return wrapper
@deco
def add(a, b):
    return a + b
print(add(1, 2))
def param(tag):
    def d(fn):
        fn.tag = tag
        return fn
    return d
@param("x")
@param("y")
def g(): pass
print(g.tag)
