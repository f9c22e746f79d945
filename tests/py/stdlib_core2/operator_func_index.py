# _operator.index on ints, bools, int subclasses, objects with __index__, floats and others.
import operator as op
import warnings

def show(v):
    try:
        r = op.index(v)
        print(repr(r), type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)

class MyInt(int): pass
class Idx:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
class IdxSub(int):
    def __index__(self): return 99

for v in (0, -5, 2**100, True, False, MyInt(7), Idx(3), Idx(2**70), IdxSub(4),
          1.5, 2.0, '3', None, [1], complex(1, 0), Idx('x'), Idx(1.0), Idx(None)):
    show(v)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    show(Idx(MyInt(8)))
    show(Idx(True))
    print([str(x.message) for x in w], [x.category.__name__ for x in w])
class Raises:
    def __index__(self): raise ValueError('no index')
show(Raises())
print(list(range(10))[op.index(Idx(2))], type(op.index(True)) is int)
