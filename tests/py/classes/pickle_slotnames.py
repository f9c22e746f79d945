# object.__getstate__ takes the slot names from __slotnames__ (copyreg._slotnames), and their
# values through getattr, __getattr__ included.
import copy
import copyreg


class S(str):
    pass


class A:
    __slotnames__ = [S("spam")]

    def __getattr__(self, attr):
        if attr == "spam":
            A.__slotnames__[:] = [S("spam")]
            return 42
        raise AttributeError(attr)


print(A().__reduce_ex__(2) == (copyreg.__newobj__, (A,), (None, {"spam": 42}), None, None))


class B:
    __slots__ = ("x", "__y")

    def __init__(self):
        self.x = 1
        self.__y = 2


b = B()
print(b.__getstate__(), B.__slotnames__)
b2 = copy.copy(b)
print(b2.x, b2._B__y)


class Plain:
    pass


pl = Plain()
pl.a = 1
print(pl.__getstate__(), Plain.__dict__.get("__slotnames__", "absent"))
