class T:
    def __init__(self): self._c = 0
    @property
    def c(self): return self._c
    @c.setter
    def c(self, v):
        if v < -273: raise ValueError("too cold")
        self._c = v
    @property
    def ro(self): return 1
t = T(); t.c = 20
print(t.c)
try:
    t.c = -300
except ValueError as e:
    print(e)
try:
    t.ro = 5
except AttributeError as e:
    print(e)
