# An in-place method set to None blocks the fallback to the plain binary method.
class Base:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Base(self.v + other)

    def __iadd__(self, other):
        self.v += other
        return self


class Blocked(Base):
    __iadd__ = None


class Plain(Base):
    pass


x = Plain(1)
y = x
x += 10
print(type(x).__name__, x.v, x is y)

x = Blocked(1)
try:
    x += 10
    print("no error", x.v)
except TypeError as e:
    print("TypeError", e)
print(type(Blocked(2) + 3).__name__)


class BlockedMul:
    __imul__ = None

    def __mul__(self, other):
        return "mul"


z = BlockedMul()
try:
    z *= 2
except TypeError as e:
    print("TypeError", e)
print(BlockedMul() * 2)
