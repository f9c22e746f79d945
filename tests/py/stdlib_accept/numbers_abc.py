# numbers: the numeric tower (Number, Complex, Real, Rational, Integral) for builtin types,
# fractions and decimals, registration, abstract methods, and the mixin methods of Real,
# Rational and Integral for a user class.
import numbers
from fractions import Fraction
from decimal import Decimal

tower = [numbers.Number, numbers.Complex, numbers.Real, numbers.Rational, numbers.Integral]
for v in [1, True, 2.5, 1j, Fraction(1, 3), Decimal("1.5"), "1", None, float("nan")]:
    print(repr(v), [isinstance(v, t) for t in tower])
print([issubclass(int, t) for t in tower], issubclass(bool, numbers.Integral))
print([[issubclass(a, b) for b in tower] for a in tower])
for t in tower:
    print(t.__name__, sorted(t.__abstractmethods__))
    try:
        t()
    except TypeError as e:
        print("TypeError", str(e).split(" with")[0])
print(numbers.Number.__hash__ is None, numbers.Complex.__hash__)

class MyInt(numbers.Integral):
    def __init__(self, v): self.v = int(v)
    def __repr__(self): return f"MyInt({self.v})"
    def __int__(self): return self.v
    def __abs__(self): return MyInt(abs(self.v))
    def __add__(self, o): return MyInt(self.v + int(o))
    def __radd__(self, o): return MyInt(int(o) + self.v)
    def __and__(self, o): return MyInt(self.v & int(o))
    def __rand__(self, o): return MyInt(int(o) & self.v)
    def __ceil__(self): return self.v
    def __eq__(self, o): return self.v == int(o)
    def __floor__(self): return self.v
    def __floordiv__(self, o): return MyInt(self.v // int(o))
    def __rfloordiv__(self, o): return MyInt(int(o) // self.v)
    def __invert__(self): return MyInt(~self.v)
    def __le__(self, o): return self.v <= int(o)
    def __lshift__(self, o): return MyInt(self.v << int(o))
    def __rlshift__(self, o): return MyInt(int(o) << self.v)
    def __lt__(self, o): return self.v < int(o)
    def __mod__(self, o): return MyInt(self.v % int(o))
    def __rmod__(self, o): return MyInt(int(o) % self.v)
    def __mul__(self, o): return MyInt(self.v * int(o))
    def __rmul__(self, o): return MyInt(int(o) * self.v)
    def __neg__(self): return MyInt(-self.v)
    def __or__(self, o): return MyInt(self.v | int(o))
    def __ror__(self, o): return MyInt(int(o) | self.v)
    def __pos__(self): return self
    def __pow__(self, o, m=None): return MyInt(pow(self.v, int(o), m))
    def __rpow__(self, o): return MyInt(int(o) ** self.v)
    def __round__(self, n=None): return self.v
    def __rshift__(self, o): return MyInt(self.v >> int(o))
    def __rrshift__(self, o): return MyInt(int(o) >> self.v)
    def __truediv__(self, o): return self.v / int(o)
    def __rtruediv__(self, o): return int(o) / self.v
    def __trunc__(self): return self.v
    def __xor__(self, o): return MyInt(self.v ^ int(o))
    def __rxor__(self, o): return MyInt(int(o) ^ self.v)
    __hash__ = None

m = MyInt(7)
print(isinstance(m, numbers.Rational), isinstance(m, numbers.Real), isinstance(m, numbers.Number))
# Mixins: Integral -> __index__, __float__, numerator, denominator; Real -> real, imag,
# conjugate, __complex__, __divmod__; Complex -> __bool__, __sub__, __rsub__.
print(m.__index__(), float(m), m.numerator, m.denominator, m.real, m.imag, m.conjugate())
print(complex(m), divmod(m, 3), divmod(20, m), bool(m), bool(MyInt(0)), m - 2, 10 - m)
print([1, 2, 3, 4, 5, 6, 7, 8][m], hex(m), bin(m), f"{m.numerator}")

class Half(numbers.Rational):
    numerator = 1
    denominator = 2
for name in sorted(Half.__abstractmethods__)[:5]:
    print("abstract", name)
print(float.__dict__.get("numerator"), numbers.Rational.__float__(Fraction(3, 4)))

class Reg:
    pass
numbers.Real.register(Reg)
print(isinstance(Reg(), numbers.Real), isinstance(Reg(), numbers.Complex),
      isinstance(Reg(), numbers.Number), isinstance(Reg(), numbers.Rational))
print(numbers.__all__)
