# _operator.length_hint: len(), __length_hint__ and the default, with their errors.
import operator as op

def show(*args):
    try:
        print(repr(op.length_hint(*args)))
    except Exception as e:
        print(type(e).__name__, e)

class H:
    def __init__(self, v): self.v = v
    def __length_hint__(self): return self.v
class HRaise:
    def __init__(self, e): self.e = e
    def __length_hint__(self): raise self.e
class HArgs:
    def __length_hint__(self, x): return 1
class HNone:
    __length_hint__ = None
class LenBad:
    def __len__(self): raise TypeError('no len')
    def __length_hint__(self): return 4
class LenNeg:
    def __len__(self): return -1
class LenVal:
    def __len__(self): raise ValueError('len value')
class Both:
    def __len__(self): return 2
    def __length_hint__(self): return 10
class MyInt(int): pass

show([1, 2, 3])
show('abcd')
show({})
show(iter([1, 2, 3]))
show(iter(range(7)))
show(reversed([1, 2]))
show(object())
show(object(), 7)
show(object(), -3)
show(object(), True)
show(object(), 2**70)
show(object(), 'x')
show(object(), 1.5)
show([1], 9)
show(H(5))
show(H(0), 9)
show(H(NotImplemented), 9)
show(H(NotImplemented))
show(H(-1))
show(H(MyInt(6)))
show(H(True))
show(H('3'))
show(H(3.0))
show(H(None))
show(H(2**70))
show(HRaise(TypeError('t')), 8)
show(HRaise(ValueError('v')), 8)
show(HArgs(), 8)
show(HNone(), 8)
show(LenBad(), 8)
show(LenNeg())
show(LenVal())
show(Both())
gen = (x for x in range(3))
show(gen, 5)
