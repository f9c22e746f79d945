# __slots__ decide weak-reference support and the __dict__: secondary bases contribute theirs,
# non-identifier names are refused, __qualname__/__classcell__ may be slot names.
import weakref


class NoWeak:
    __slots__ = ["foo"]


try:
    weakref.ref(NoWeak())
    print("weakref allowed")
except TypeError as e:
    print("TypeError", "weak reference" in str(e))


class Weak:
    __slots__ = ["foo", "__weakref__"]


w = Weak()
print(weakref.ref(w)() is w)


class Plain:
    pass


class Slotted:
    __slots__ = ()


class Mixed(Slotted, Plain):
    __slots__ = ()


m = Mixed()
m.x = 2
print(m.__dict__, hasattr(Mixed, "__weakref__"), weakref.ref(m)() is m)


class SubSlots(Slotted):
    pass


print(weakref.ref(SubSlots()) is not None)


class IntSub(int):
    pass


try:
    weakref.ref(IntSub(3))
    print("int subclass weakref allowed")
except TypeError:
    print("int subclass: TypeError")

for bad in [chr(128), "1a", "a b", ""]:
    try:

        class C:
            __slots__ = [bad]

        print("accepted", repr(bad))
    except TypeError as e:
        print("TypeError", e)


class Q:
    __slots__ = ["__qualname__"]


q = Q()
q.__qualname__ = "x"
print(q.__qualname__, Q.__qualname__, type(Q.__dict__["__qualname__"]).__name__)


class Base:
    def __init__(self):
        self.b = 42


class WithCell(Base):
    __slots__ = ["__classcell__"]

    def __init__(self):
        super().__init__()


c = WithCell()
print(c.b, hasattr(c, "__classcell__"), type(WithCell.__dict__["__classcell__"]).__name__)
c.__classcell__ = 5
print(c.__classcell__)
