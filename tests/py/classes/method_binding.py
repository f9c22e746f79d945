class C:
    def m(self): return self
c = C()
bm = c.m
print(bm() is c, bm.__self__ is c, bm.__func__ is C.m, C.m(c) is c, bm == c.m, type(bm).__name__)
