# _functools: partial (flattening, subclasses, pickling, __setstate__), reduce and cmp_to_key.
import functools, pickle, operator
from functools import partial, reduce, cmp_to_key
p = partial(int, base=2)
print(type(p), p('101'), p.func, p.args, p.keywords, repr(p))
q = partial(p, '111')
print(q(), q.func is int, q.args, q.keywords, repr(q))
class P(partial):
    pass
r = P(max, 1, key=abs)
print(repr(r), r(-5), type(partial(r, 2)).__name__, partial(r, 2).func is max)
r.attr = 1
print(partial(r, 2).func is r)
print(pickle.loads(pickle.dumps(partial(operator.add, 1)))(2), p.__reduce__())
try: partial(1)
except TypeError as e: print(e)
try: partial()
except TypeError as e: print(e)
try: reduce(operator.add, [])
except TypeError as e: print(e)
try: reduce(operator.add, 1)
except TypeError as e: print(e)
print(reduce(operator.add, [1,2,3], 10), reduce(lambda a,b: a+b, 'abc'))
k = cmp_to_key(lambda a, b: (a > b) - (a < b))
print(sorted([3,1,2], key=k), k(1) < k(2), k(1).obj, type(k).__name__, type(k(1)))
try: k(1) < 1
except TypeError as e: print(e)
try: hash(k(1))
except TypeError as e: print(e)
print(partial[int], p.__dict__, functools.partial.__module__)
try: p.func = 1
except AttributeError as e: print('AttributeError')
def f(*a, **k): return a, k
pp = partial(f, 1, x=2)
print(pp(3, y=4), pp(x=5))
p2 = partial(f)
p2.__setstate__((f, (1,), {'a': 2}, None)); print(p2(), repr(p2).startswith('functools.partial(<function f'))
