# _operator: rich comparisons, identity, truth and not_.
import operator as op

def show(f, *args):
    try:
        print(f.__name__, repr(f(*args)))
    except Exception as e:
        print(f.__name__, type(e).__name__, e)

for f in (op.lt, op.le, op.eq, op.ne, op.gt, op.ge):
    show(f, 1, 2)
    show(f, 2, 2)
    show(f, 2.5, 2)
    show(f, 'a', 'b')
    show(f, [1, 2], [1, 3])
    show(f, 1, 'a')
    show(f, {1}, {1, 2})
    show(f, None, None)
    show(f, float('nan'), float('nan'))

class C:
    def __lt__(self, o): return 'lt-result'
    def __eq__(self, o): return ['eq-result']
    def __gt__(self, o): return NotImplemented
show(op.lt, C(), 1)
show(op.eq, C(), 1)
show(op.ne, C(), 1)
show(op.gt, 1, C())
show(op.gt, C(), 1)

a = [1]
show(op.is_, a, a)
show(op.is_, a, [1])
show(op.is_not, a, a)
show(op.is_not, a, [1])
show(op.is_, None, None)
show(op.is_not, None, 0)

class B:
    def __bool__(self): return False
class L:
    def __len__(self): return 3
class Bad:
    def __bool__(self): return 1
for v in (0, 1, '', 'x', [], [0], None, B(), L(), 0.0, Bad()):
    show(op.truth, v)
    show(op.not_, v)
