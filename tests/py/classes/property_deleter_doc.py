class C:
    def __init__(self): self._x = 1
    def getx(self): return self._x
    def setx(self, v): self._x = v
    def delx(self): print("deleting"); del self._x
    x = property(getx, setx, delx, "the x property")
c = C(); c.x = 5; print(c.x); del c.x
print(C.x.__doc__, hasattr(c, "_x"))
