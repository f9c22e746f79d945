class A:
    def f(self): return 'A'
class X(A):
    def f(self):
        return super().f()
    __class__ = 413
x = X()
print(x.f(), x.__class__)
__class__ = "modlevel"
class X:
    x = __class__
    def f():
        __class__
print(X.x)
del __class__
try:
    exec("""class X:
    __class__
    def f():
        __class__""", globals(), {})
except NameError as e: print(type(e).__name__, e)
class X:
    global __class__
    __class__ = 42
    def f():
        __class__
print(globals()["__class__"], "__class__" in X.__dict__)
del globals()["__class__"]
def outer():
    __class__ = 0
    class X:
        nonlocal __class__
        __class__ = 42
        def f():
            __class__
    return __class__
print(outer())
class T:
    def m(self):
        class X:
            nonlocal __class__
            __class__ = 42
            def f():
                __class__
        return __class__
print(T().m())
def outer():
    __class__ = 0
    class X:
        nonlocal __class__
        __class__ = 42
    return __class__
print(outer())
def outer2():
    y = 0
    class X:
        nonlocal y
        y = 42
        def f(): y
    return y
print(outer2())
class Outer:
    def m(self):
        class Y:
            seen = __class__
            def g(self):
                return __class__
        return Y.seen is Outer, Y().g() is Y
print(Outer().m())
