class Vec:
    def __init__(self, x, y): self.x, self.y = x, y
    def __add__(self, o): return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k): return Vec(self.x * k, self.y * k)
    def __rmul__(self, k): return self * k
    def __neg__(self): return Vec(-self.x, -self.y)
    def __eq__(self, o): return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __repr__(self): return f"Vec({self.x}, {self.y})"
    __hash__ = None
print(Vec(1, 2) + Vec(3, 4), Vec(1, 1) * 3, 2 * Vec(1, 2), -Vec(1, 0), Vec(1, 2) == Vec(1, 2), Vec(1, 2) != Vec(0, 0))
try:
    Vec(1, 2) - Vec(1, 1)
except TypeError as e:
    print(e)
