# int() and float() follow CPython's conversion order: __int__ / __float__ first (overrides in
# int, float and str subclasses included), then __index__, then __trunc__ (int) or the text; a
# strict subclass returned by a conversion method gives a DeprecationWarning; any bytes-like
# object (memoryview) is parsed as text.
import warnings


class MyInt(int):
    def __int__(self):
        return 42


class BadInt(int):
    def __int__(self):
        return 42.0


print(int(MyInt(7)), type(int(MyInt(7))).__name__)
try:
    int(BadInt(7))
except TypeError as exc:
    print("TypeError:", exc)


class Foo2(float):
    def __float__(self):
        return 42.0


class FooStr(str):
    def __float__(self):
        return float(str(self)) + 1


class Foo4(float):
    def __float__(self):
        return 42


print(float(Foo2()), float(FooStr("8")))
try:
    float(Foo4(1))
except TypeError as exc:
    print("TypeError:", exc)


class Sub(int):
    pass


class FSub(float):
    pass


class RetSubInt:
    def __int__(self):
        return Sub(5)


class RetSubIndex:
    def __index__(self):
        return Sub(6)


class RetSubFloat:
    def __float__(self):
        return FSub(7.5)


class Trunc:
    def __trunc__(self):
        return 8


for thunk in [lambda: int(RetSubInt()), lambda: int(RetSubIndex()), lambda: float(RetSubFloat()),
              lambda: int(Trunc()), lambda: float(RetSubIndex()), lambda: [1, 2, 3][RetSubIndex() - 5]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = thunk()
    print(r, type(r).__name__, [(w.category.__name__, str(w.message)) for w in caught])

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        int(RetSubInt())
    except DeprecationWarning as exc:
        print("DeprecationWarning:", exc)

print(int(memoryview(b"123")[1:3]), int(memoryview(b"123\x00")[1:3]))
print(float(memoryview(b"12.3")[1:4]), float(memoryview(b"12.34")[1:4]), float(memoryview(b" 3.14  ")))
for bad in [memoryview(b"12x"), memoryview(b"")]:
    for conv in int, float:
        try:
            conv(bad)
        except ValueError as exc:
            print(conv.__name__, "ValueError:", str(exc).split(":")[0])
try:
    int(memoryview(b"12x")[0:3])
except ValueError as exc:
    print(exc)
