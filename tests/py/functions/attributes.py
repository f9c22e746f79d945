def f(a, b=1):
    "docstring here"
    return a
print(f.__name__, f.__qualname__, f.__doc__, f.__defaults__, f.__module__)
f.custom = 5
print(f.custom, f.__dict__)
class C:
    def m(self): pass
print(C.m.__qualname__)
def outer():
    def inner(): pass
    return inner
print(outer().__qualname__)
