# _operator.call: positional and keyword arguments, passed on as given.
import operator as op

def f(*args, **kwargs):
    return args, kwargs
def g(a, b=2, *, c=3):
    return a, b, c

print(op.call(f))
print(op.call(f, 1, 2))
print(op.call(f, 1, x=2, y=3))
print(op.call(f, obj=1))
print(op.call(g, 1))
print(op.call(g, 1, c=5, b=4))
print(op.call(len, 'abc'), op.call(dict, a=1), op.call(int, '10', base=2))
print(op.call(op.call, f, 1, k=2))
for args, kw in (((), {}), ((), {'obj': f}), ((5,), {}), ((g,), {}), ((g, 1), {'d': 1}),
                 ((g, 1, 2, 3), {})):
    try:
        op.call(*args, **kw)
    except TypeError as e:
        print(type(e).__name__, e)
class C:
    def __call__(self, *a, **k): return ('C', a, k)
print(op.call(C(), 1, z=2))
print(list(map(op.call, [len, str.upper], ['ab', 'cd'])))
