# enum: Enum, IntEnum, Flag, IntFlag, StrEnum, auto, unique.
import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
print(Color.RED, repr(Color.GREEN), Color(3), Color['RED'], list(Color), Color.RED.name, Color.RED.value)
print(Color.RED is Color(1), Color.RED == 1, len(Color), Color.BLUE in Color)
try:
    Color(7)
except ValueError as e:
    print(e)
class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.ONE + 1, Num.TWO > Num.ONE, int(Num.TWO), repr(Num.ONE), f"{Num.TWO}")
class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, list(rw), ~Perm.R, Perm(0))
class Bits(IntFlag):
    A = 1
    B = 2
print(Bits.A | Bits.B, Bits.A | 4, repr(Bits(3)))
class Auto(Enum):
    X = auto()
    Y = auto()
print(Auto.X.value, Auto.Y.value)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print(e)
class Alias(Enum):
    A = 1
    B = 1
print(Alias.B is Alias.A, list(Alias.__members__))
class S(enum.StrEnum):
    A = auto()
print(S.A, S.A.upper(), S.A == 'a')
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    def __init__(self, mass, radius):
        self.mass = mass
    @property
    def double(self):
        return self.mass * 2
print(Planet.EARTH.mass, Planet.EARTH.double, Planet.EARTH.value)
print(Color.__members__.keys(), Color.RED.__class__.__name__)
Animal = Enum('Animal', 'CAT DOG')
print(Animal.DOG, Animal.DOG.value)
