class P:
    __slots__ = ("x", "y")
    def __init__(self): self.x = 1
p = P()
print(p.x, hasattr(p, "y"), hasattr(p, "__dict__"))
try:
    p.z = 3
except AttributeError as e:
    print(e)
try:
    p.y
except AttributeError as e:
    print(e)
