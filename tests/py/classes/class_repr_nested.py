class Outer:
    class Inner:
        pass
print(Outer.Inner.__qualname__, Outer.Inner.__name__, repr(Outer.Inner))
