# A comparison method that is a descriptor whose __get__ raises (a property on __eq__) counts
# as NotImplemented: == falls back to identity and < raises TypeError, as in CPython.
def booh(self):
    raise AttributeError("booh")


class E:
    __eq__ = property(booh)


e = E()
print(E() == E(), e == e, E() != E())


class R:
    __lt__ = property(booh)


try:
    R() < R()
except TypeError as exc:
    print("TypeError:", exc)


class Getter:
    def __get__(self, obj, cls):
        raise KeyError("not an AttributeError either")


class K:
    __eq__ = Getter()


print(K() == K())


class A:
    a = property(booh)


try:
    A().a
except AttributeError as exc:
    print("AttributeError:", exc)


class I:
    __init__ = property(booh)


try:
    I()
except AttributeError as exc:
    print("AttributeError:", exc)
