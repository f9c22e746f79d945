# A metaclass's mro() may reorder or add classes, but not a class whose instance layout the new
# class's instances lack: that is a TypeError, as in CPython.
class WorkingMRO(type):
    def mro(cls):
        return [cls, object]


class A(metaclass=WorkingMRO):
    pass


print(A.__mro__ == (A, object))


class BadMRO(type):
    def mro(cls):
        return [cls, dict, object]


try:
    class B(metaclass=BadMRO):
        pass
except TypeError as e:
    print("TypeError:", e)


class NonClass(type):
    def mro(cls):
        return [cls, 1, object]


try:
    class C(metaclass=NonClass):
        pass
except TypeError as e:
    print("TypeError:", e)
