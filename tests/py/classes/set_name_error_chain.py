# An exception from __set_name__ during class creation comes out as RuntimeError with the
# original as both __cause__ and __context__ (CPython 3.11's _PyErr_FormatFromCause).
import functools

class D:
    def __set_name__(self, owner, name):
        raise TypeError('bad name ' + name)

try:
    class C:
        attr = D()
except RuntimeError as e:
    print(e)
    print(repr(e.__cause__), repr(e.__context__), e.__cause__ is e.__context__, e.__suppress_context__)

try:
    class Reused:
        @functools.cached_property
        def a(self):
            pass
        b = a
except RuntimeError as e:
    print(e)
    print(type(e.__context__).__name__, e.__context__)

class E:
    def __set_name__(self, owner, name):
        raise KeyError(name)
try:
    type('T', (), {'x': E()})
except RuntimeError as e:
    print(e, repr(e.__cause__))
