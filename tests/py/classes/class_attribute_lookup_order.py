class Desc:
    def __get__(self, o, t): return "data-desc"
    def __set__(self, o, v): raise AttributeError("ro")
class NonData:
    def __get__(self, o, t): return "non-data"
class C:
    d = Desc()
    n = NonData()
c = C()
c.__dict__["d"] = "inst-d"
c.__dict__["n"] = "inst-n"
print(c.d, c.n)
