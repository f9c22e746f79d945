class S:
    def __new__(cls, *args):
        print("new", args)
        inst = super().__new__(cls)
        inst.created = True
        return inst
    def __init__(self, v):
        print("init", v)
        self.v = v
s = S(5)
print(s.created, s.v)
class NotMine:
    def __new__(cls): return 42
    def __init__(self): print("never")
print(NotMine())
