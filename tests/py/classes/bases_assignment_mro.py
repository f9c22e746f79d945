# __bases__ assignment: a metaclass's mro() is used, a failure restores every MRO, the old bases
# forget the class, non-subclassable types and inheritance cycles are refused.
class WorkOnce(type):
    def __new__(mcls, name, bases, ns):
        mcls.flag = 0
        return super().__new__(mcls, name, bases, ns)

    def mro(cls):
        if cls.flag > 0:
            raise RuntimeError("bozo")
        cls.flag += 1
        return type.mro(cls)


class C:
    pass


class C2:
    pass


class D(C):
    pass


class E(D):
    pass


class F(D, metaclass=WorkOnce):
    pass


E_before, D_before = E.__mro__, D.__mro__
try:
    D.__bases__ = (C2,)
    print("no error")
except RuntimeError as e:
    print("RuntimeError", e, E.__mro__ == E_before, D.__mro__ == D_before, D.__bases__)


class Rev(type):
    def mro(cls):
        return (cls,) + tuple(reversed(type.mro(cls)[1:]))


class A1:
    pass


class A2(A1, metaclass=Rev):
    pass


print([k.__name__ for k in A2.__mro__])


class B1:
    pass


A2.__bases__ = (B1,)
print([k.__name__ for k in A2.__mro__], A2 in B1.__subclasses__(), A2 in A1.__subclasses__())


class X:
    pass


for bases in [(type(None),), (object, type(None)), (X, bool)]:
    try:
        X.__bases__ = bases
        print("allowed")
    except TypeError as e:
        print("TypeError", e)


class Y(X):
    pass


try:
    X.__bases__ = (Y,)
except TypeError as e:
    print("TypeError", e)


class M(type):
    def mro(cls):
        print("mro of", cls.__name__, cls.__mro__)
        return type.mro(cls)


class Z(metaclass=M):
    pass


print(Z.__mro__)
