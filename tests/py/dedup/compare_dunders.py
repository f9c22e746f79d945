# The comparison dunders of the builtin types, called directly: results, NotImplemented for
# foreign operands, and the slot wrappers' argument errors.
from collections import deque

def cell_of(v):
    def f():
        return v
    return f.__closure__[0]

values = [[1, 2], (1, 2), deque([1, 2]), b"ab", bytearray(b"ab"), "ab", {1, 2}, frozenset({1}),
          1.5, {1: 2}.keys(), {1: 2}.items(), cell_of(3)]
for v in values:
    name = type(v).__name__
    print(name, v.__eq__(v), v.__ne__(v), v.__le__(v), v.__ge__(v), v.__lt__(v), v.__gt__(v))
    print(name, v.__eq__(object()) is NotImplemented, v.__lt__(object()) is NotImplemented)
    for call in (lambda: v.__eq__(), lambda: v.__lt__(1, 2), lambda: v.__ge__(other=1)):
        try:
            call()
        except TypeError as e:
            print(name, e)
print(cell_of(1) < cell_of(2), b"a".__lt__(bytearray(b"b")), bytearray(b"a").__ge__(b"a"),
      frozenset({1}).__le__({1, 2}), {1: 2}.keys().__eq__({1}), 2.0.__eq__(2), (1, 2).__lt__([1, 3]))
