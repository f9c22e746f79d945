# set and frozenset subclasses refuse keyword arguments unless they define their own __init__
# (set.__init__ itself refuses them always; frozenset's __init__ is object's).


def attempt(f):
    try:
        u = f()
        print(type(u).__name__, sorted(u), getattr(u, "newarg", "-"))
    except TypeError as e:
        print("TypeError", e)


for base in [set, frozenset]:
    class Sub(base):
        pass

    class WithInit(base):
        def __init__(self, arg, newarg=None):
            if base is set:
                super().__init__(arg)
            self.newarg = newarg

    class WithNew(base):
        def __new__(cls, arg, newarg=None):
            self = super().__new__(cls, arg)
            self.newarg = newarg
            return self

    attempt(lambda: base(sequence=()))
    attempt(lambda: Sub([1, 2]))
    attempt(lambda: Sub(sequence=()))
    attempt(lambda: WithInit([1, 2], newarg=3))
    attempt(lambda: WithNew([1, 2]))
    attempt(lambda: WithNew([1, 2], newarg=3))
