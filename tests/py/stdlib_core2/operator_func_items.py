# _operator: getitem, setitem, delitem, contains, countOf and indexOf.
import operator as op

def show(f, *args):
    try:
        print(f.__name__, repr(f(*args)))
    except Exception as e:
        print(f.__name__, type(e).__name__, e)

l = [1, 2, 3, 4]
show(op.getitem, l, 1)
show(op.getitem, l, slice(1, 3))
show(op.getitem, l, 10)
show(op.getitem, l, 'x')
show(op.getitem, {'a': 1}, 'a')
show(op.getitem, {'a': 1}, 'b')
show(op.getitem, 5, 0)
show(op.getitem, 'abc', -1)
show(op.setitem, l, 0, 'x')
show(op.setitem, l, slice(1, 3), ['y'])
show(op.setitem, l, 9, 0)
show(op.setitem, (1,), 0, 0)
show(op.setitem, 5, 0, 0)
print(l)
show(op.delitem, l, 0)
show(op.delitem, l, 9)
show(op.delitem, {'a': 1}, 'b')
show(op.delitem, 5, 0)
print(l)

show(op.contains, [1, 2], 2)
show(op.contains, 'abc', 'bc')
show(op.contains, 'abc', 1)
show(op.contains, {1: 2}, 2)
show(op.contains, 5, 1)
show(op.contains, iter([1, 2, 3]), 3)

nan = float('nan')
class E:
    def __eq__(self, o): return True
class Boom:
    def __eq__(self, o): raise ValueError('boom')
class Cmp:
    calls = []
    def __init__(self, n): self.n = n
    def __eq__(self, o):
        Cmp.calls.append((self.n, o if not isinstance(o, Cmp) else o.n))
        return NotImplemented
show(op.countOf, [1, 2, 1, 1.0, True], 1)
show(op.countOf, [nan, nan, 1], nan)
show(op.countOf, [float('nan')], nan)
show(op.countOf, 'banana', 'a')
show(op.countOf, {1: 'a', 2: 'b'}, 2)
show(op.countOf, iter(range(10)), 3)
show(op.countOf, [E(), E()], 5)
show(op.countOf, [], 1)
show(op.countOf, 5, 1)
show(op.countOf, None, 1)
show(op.countOf, [1, Boom()], 1)
c = Cmp('item')
show(op.countOf, [c], Cmp('x'))
print(Cmp.calls)
show(op.indexOf, [5, 6, 7], 7)
show(op.indexOf, [nan], nan)
show(op.indexOf, 'abc', 'c')
show(op.indexOf, [1, 2], 3)
show(op.indexOf, [], 3)
show(op.indexOf, 3, 3)
show(op.indexOf, (x * x for x in range(10)), 49)
show(op.indexOf, [0, E()], 5)

class NoIter:
    def __iter__(self): raise TypeError('custom')
class KeyIter:
    def __iter__(self): raise KeyError('k')
show(op.countOf, NoIter(), 1)
show(op.indexOf, KeyIter(), 1)
try:
    op.countOf(NoIter(), 1)
except TypeError as e:
    print(repr(e.__context__), e.__cause__)

class Seq:
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * 10
show(op.countOf, Seq(), 20)
show(op.indexOf, Seq(), 20)
show(op.contains, Seq(), 10)
