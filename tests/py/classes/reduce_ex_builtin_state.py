# object.__reduce_ex__(2+) refuses an object whose builtin layout holds state that neither
# __getnewargs__ nor its __dict__ and slots can rebuild (CPython compares tp_basicsize and
# tp_itemsize with object's), unless its class overrides __getstate__ or __reduce__.
import copy
import pickle
import sys
import threading
import weakref


def f():
    pass


def check(label, obj, protos=(2, 5)):
    for proto in protos:
        try:
            pickle.dumps(obj, proto)
            print(label, proto, "ok")
        except Exception as e:
            print(label, proto, type(e).__name__, e)


check("code", f.__code__, (0, 2, 5))
check("memoryview", memoryview(b"ab"))
check("frame", sys._getframe())
check("lock", threading.Lock())
check("weakref", weakref.ref(f))
check("property", property())
check("staticmethod", staticmethod(f))


class P(property):
    pass


class Q(property):
    def __getstate__(self):
        return None


class Plain:
    __slots__ = ("a",)

    def __init__(self):
        self.a = 1


check("P", P())
print(type(copy.copy(Plain())).__name__, copy.copy(Plain()).a)
try:
    copy.copy(P())
except TypeError as e:
    print("copy", e)
print(Q().__reduce_ex__(2)[0].__name__)
print(property().__getstate__(), Plain().__getstate__())
