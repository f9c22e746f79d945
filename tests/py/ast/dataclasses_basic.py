# dataclasses, which imports inspect (and so ast): defaults, field(), asdict, astuple, replace,
# frozen, order, __post_init__.
import dataclasses
from dataclasses import dataclass, field


@dataclass(order=True)
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list, compare=False)


@dataclass(frozen=True)
class Frozen:
    a: int = 1
    b: str = "b"


@dataclass
class Derived(Point):
    z: int = 5

    def __post_init__(self):
        self.total = self.x + self.y + self.z


p = Point(1, 2)
print(p, dataclasses.asdict(p), dataclasses.astuple(p))
print(Point(1) < Point(2), Point(1, 2) == Point(1, 2, ["t"]), sorted([Point(3), Point(1, 5), Point(1)]))
print(dataclasses.replace(p, y=9), [f.name for f in dataclasses.fields(p)])
fr = Frozen()
print(fr, hash(fr) == hash(Frozen()))
try:
    fr.a = 3
except dataclasses.FrozenInstanceError as e:
    print("FrozenInstanceError", e)
d = Derived(1, 2)
print(d, d.total, dataclasses.is_dataclass(d))
try:
    Point()
except TypeError as e:
    print("TypeError", e)
