# types.MappingProxyType is subscriptable (PEP 585), as in CPython.
import types

a = types.MappingProxyType[str, int]
print(a, a.__origin__ is types.MappingProxyType, a.__args__)
print("__class_getitem__" in dir(types.MappingProxyType))
print(a({"x": 1})["x"])
