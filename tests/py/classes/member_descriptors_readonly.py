# Read-only fields of builtin types are member descriptors: "readonly attribute" on assignment.
import types

p = property(lambda self: 1)
for attr in "fget", "fset", "fdel":
    try:
        setattr(p, attr, 42)
    except AttributeError as e:
        print(attr, e)
p.__doc__ = "doc"
print(p.__doc__)
print(type(complex.real).__name__, complex.real.__doc__, complex.real.__qualname__)
print((3 + 4j).real, (3 + 4j).imag)
try:
    (1j).real = 2
except AttributeError as e:
    print(e)


def f():
    pass


print(types.MemberDescriptorType is type(f.__class__.__dict__["__globals__"]))
try:
    f.__globals__ = {}
except AttributeError as e:
    print(e)
print(f.__closure__)


class K:
    def m(self):
        pass


bm = K().m
print(bm.__func__ is K.m, type(type(bm).__dict__["__self__"]).__name__)
from _io import FileIO

print(FileIO.closed.__doc__)
