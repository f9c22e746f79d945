# tuple and float subclasses refuse keyword arguments unless they define their own __init__
# (or a __new__ that consumes them), as in CPython.
for base in tuple, float:
    class Plain(base):
        pass

    try:
        Plain(sequence=())
    except TypeError as exc:
        print(base.__name__, "TypeError:", exc)

    class WithInit(base):
        def __init__(self, arg, newarg=None):
            self.newarg = newarg

    u = WithInit((1, 2) if base is tuple else 2.5, newarg=3)
    print(type(u).__name__, u, u.newarg)

    class WithNew(base):
        def __new__(cls, arg, newarg=None):
            self = super().__new__(cls, arg)
            self.newarg = newarg
            return self

    u = WithNew((1, 2) if base is tuple else 2.5, newarg=3)
    print(type(u).__name__, u, u.newarg)

for call in [lambda: tuple(sequence=()), lambda: float(x=1)]:
    try:
        call()
    except TypeError as exc:
        print("TypeError:", exc)
