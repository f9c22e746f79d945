class Typed:
    def __init__(self, t): self.t = t
    def __set_name__(self, owner, name): self.name = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None: return self
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if not isinstance(value, self.t): raise TypeError(f"{self.name[1:]} must be {self.t.__name__}")
        setattr(obj, self.name, value)
class R:
    n = Typed(int)
r = R(); r.n = 3
print(r.n, type(R.n).__name__)
try:
    r.n = "x"
except TypeError as e:
    print(e)
