# _operator: concat and iconcat, which call a builtin sequence's own concatenation and use
# + / += on other objects only when both are sequences.
import array
import collections
import operator as op

def show(f, *args):
    try:
        r = f(*args)
        print(f.__name__, repr(r))
        return r
    except Exception as e:
        print(f.__name__, type(e).__name__, e)

class S:
    def __getitem__(self, i):
        if i >= 2: raise IndexError(i)
        return i
    def __add__(self, o): return 'S.add'
    def __iadd__(self, o): return 'S.iadd'
class N:
    def __add__(self, o): return 'N.add'
class R:
    def __getitem__(self, i):
        if i >= 2: raise IndexError(i)
        return i
    def __radd__(self, o): return 'R.radd'
class L(list):
    def __iadd__(self, o): return 'L.iadd'
class L2(list):
    def __add__(self, o): return 'L2.add'
class T(tuple): pass
class D(dict):
    def __add__(self, o): return 'D.add'

for f in (op.concat, op.iconcat):
    show(f, [1], [2])
    show(f, [1], (2,))
    show(f, (1,), (2,))
    show(f, (1,), [2])
    show(f, 'a', 'b')
    show(f, 'a', b'b')
    show(f, b'a', bytearray(b'b'))
    show(f, bytearray(b'a'), b'b')
    show(f, b'a', memoryview(b'b'))
    show(f, collections.deque([1]), collections.deque([2]))
    show(f, collections.deque([1]), [2])
    show(f, array.array('b', [1]), array.array('b', [2]))
    show(f, array.array('b', [1]), [2])
    show(f, 1, 2)
    show(f, {}, {})
    show(f, D(), [1])
    show(f, range(2), range(2))
    show(f, S(), [1])
    show(f, S(), 1)
    show(f, N(), [1])
    show(f, [1], R())
    show(f, (1,), R())
    show(f, 'a', R())
    show(f, S(), R())
    show(f, L(), [1])
    show(f, L2(), [1])
    show(f, T((1,)), (2,))
    show(f, None, [1])

a = [1]
print(op.iconcat(a, [2]) is a, a)
t = (1,)
print(op.iconcat(t, (2,)) is t, t)
b = bytearray(b'x')
print(op.iconcat(b, b'y') is b, b)
d = collections.deque([1])
print(op.iconcat(d, [2]) is d, d)

# The + operator tries R.__radd__ before list's concatenation; concat does not.
print([1] + R(), op.add([1], R()), (1,) + R(), op.iconcat([1], R()))
