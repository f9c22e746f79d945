# del obj.__dict__ drops the dict (a fresh one appears on the next access); a metaclass mixing in
# a plain class cannot replace a class's namespace through that class's __dict__ descriptor.
class C:
    pass


a = C()
a.x = 1
del a.__dict__
print(a.__dict__, hasattr(a, "x"))
a.y = 2
print(a.__dict__)


class Base:
    pass


class Meta1(type, Base):
    pass


class Meta2(Base, type):
    pass


class D(metaclass=Meta1):
    pass


class E(metaclass=Meta2):
    pass


for cls in D, E:
    for op in ("set", "del", "descr"):
        try:
            if op == "set":
                cls.__dict__ = {}
            elif op == "del":
                del cls.__dict__
            else:
                Base.__dict__["__dict__"].__set__(cls, {})
            print(op, "allowed")
        except (AttributeError, TypeError) as e:
            print(op, type(e).__name__)


class Exc2(Base, Exception):
    pass


e = Exc2()
e.__dict__ = {"a": 1}
print(e.a)
try:
    del e.__dict__
    print("deleted")
except TypeError as ex:
    print("TypeError", ex)
