class R:
    def __repr__(self): return repr(self)
try:
    repr(R())
except RecursionError as e:
    print("RecursionError")
class E:
    def __eq__(self, o): return self == o
try:
    E() == E()
except RecursionError:
    print("RecursionError eq")
