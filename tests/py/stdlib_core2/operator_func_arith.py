# _operator: the arithmetic and bitwise functions, unary ones and their errors.
import operator as op

def show(f, *args):
    try:
        r = f(*args)
        print(f.__name__, repr(r), type(r).__name__)
    except Exception as e:
        print(f.__name__, type(e).__name__, e)

for f in (op.add, op.sub, op.mul, op.truediv, op.floordiv, op.mod, op.pow, op.lshift, op.rshift,
          op.and_, op.or_, op.xor):
    show(f, 7, 3)
    show(f, -7, 2)
    show(f, 2**70, 3)
    show(f, 7.5, 2)
    show(f, True, True)
    show(f, 'a', 1)
    show(f, 1, None)
show(op.truediv, 1, 0)
show(op.floordiv, 1, 0)
show(op.mod, 1.0, 0)
show(op.pow, 0, -1)
show(op.pow, 2, 0.5)
show(op.pow, -8, 1 / 3)
show(op.lshift, 1, -1)
show(op.mul, 'ab', 3)
show(op.mul, 3, [1])
show(op.mul, 'ab', 2.0)
show(op.mod, 'x=%d', 5)
show(op.add, [1], (2,))
show(op.or_, {1: 2}, {3: 4})
show(op.and_, {1, 2}, {2, 3})
show(op.xor, frozenset({1}), {2})
show(op.matmul, 1, 2)

class M:
    def __matmul__(self, o): return ('matmul', o)
    def __rmatmul__(self, o): return ('rmatmul', o)
    def __neg__(self): return 'neg'
    def __pos__(self): return 'pos'
    def __invert__(self): return 'invert'
    def __abs__(self): return 'abs'
show(op.matmul, M(), 1)
show(op.matmul, 1, M())
for f in (op.neg, op.pos, op.inv, op.invert, op.abs):
    show(f, M())
    show(f, -5)
    show(f, 2.5)
    show(f, True)
    show(f, 'x')
    show(f, -2**80)
show(op.abs, complex(3, 4))
show(op.neg, 0.0)

class R:
    def __radd__(self, o): return ('radd', o)
    def __rsub__(self, o): return NotImplemented
show(op.add, 1, R())
show(op.sub, 1, R())

# In-place: mutable objects change and are returned; immutable ones give a new object.
for f, a, b in ((op.iadd, [1], [2]), (op.iadd, (1,), (2,)), (op.iadd, 'a', 'b'),
                (op.iadd, [1], 'xy'), (op.iadd, (1,), [2]), (op.imul, [1, 2], 2),
                (op.imul, 'ab', 2), (op.ior, {1}, {2}), (op.ior, {1: 1}, {2: 2}),
                (op.iand, {1, 2}, {2}), (op.ixor, {1, 2}, {2, 3}), (op.isub, {1, 2}, {2}),
                (op.isub, 5, 3), (op.itruediv, 7, 2), (op.ifloordiv, 7, 2), (op.imod, 7, 2),
                (op.ipow, 2, 5), (op.ilshift, 1, 4), (op.irshift, 16, 2), (op.iand, 6, 3),
                (op.ior, 6, 3), (op.ixor, 6, 3), (op.iadd, bytearray(b'a'), b'b'),
                (op.iadd, b'a', b'b'), (op.imatmul, 1, 2), (op.ipow, 'a', 2), (op.iadd, 1, 'a'),
                (op.ior, {1: 1}, [(2, 2)]), (op.isub, [1], [1])):
    try:
        r = f(a, b)
        print(f.__name__, repr(a), repr(r), r is a)
    except Exception as e:
        print(f.__name__, type(e).__name__, e)

class I:
    def __init__(self): self.log = []
    def __iadd__(self, o): self.log.append(o); return self
    def __isub__(self, o): return NotImplemented
    def __sub__(self, o): return 'sub'
i = I()
print(op.iadd(i, 1) is i, i.log, op.isub(i, 1))
