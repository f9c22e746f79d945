class MyList(list):
    def total(self): return sum(self)
class MyDict(dict):
    def __missing__(self, k): return k * 2
class MyInt(int):
    def double(self): return self * 2
l = MyList([1, 2, 3]); l.append(4)
print(l, l.total(), type(l).__name__, isinstance(l, list))
print(MyDict(a=1)["a"], MyDict()["zz"])
print(MyInt(21).double(), MyInt(5) + 1, type(MyInt(5) + 1).__name__)
class MyStr(str): pass
print(MyStr("hi").upper(), type(MyStr("x")).__name__)
