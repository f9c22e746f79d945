# Builtin descriptors come in CPython's kinds: method_descriptor, member_descriptor,
# getset_descriptor and wrapper_descriptor (slot dunders), with matching __qualname__s.
import types

descriptors = [str.lower, complex.real, float.real, int.__add__]
for d in descriptors:
    print(type(d).__name__, d.__qualname__, d.__objclass__.__qualname__ + "." + d.__name__)
print(repr(int.__add__), repr(str.lower), repr(object.__init__))
print(types.WrapperDescriptorType is type(object.__init__), types.MethodDescriptorType is type(str.join))
print(int.__add__(2, 3), int.__add__.__get__(4)(5), (4).__add__(5))
try:
    int.__add__("a", 1)
except TypeError as e:
    print("TypeError", e)
print(object.__eq__(1, 1), object.__repr__(None).startswith("<NoneType object at "))
try:
    int.__add__()
except TypeError as e:
    print("TypeError", e)
try:
    str.lower()
except TypeError as e:
    print("TypeError", e)


class MyInt(int):
    def __add__(self, o):
        return int.__add__(self, o) * 10


print(MyInt(1) + 2, sorted([3, 1, 2], key=int.__neg__))
print(list(map(str.__len__, ["a", "bb"])), list.__len__([1, 2]))
