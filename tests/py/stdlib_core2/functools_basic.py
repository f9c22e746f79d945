# functools: reduce, partial, lru_cache, wraps, total_ordering, cached_property, singledispatch, cmp_to_key.
import functools
import operator

print(functools.reduce(operator.add, [1, 2, 3, 4]), functools.reduce(lambda a, b: a * b, [], 7))
try:
    functools.reduce(operator.add, [])
except TypeError as e:
    print(e)

p = functools.partial(int, base=2)
print(p('101'), p.func, p.args, p.keywords)
q = functools.partial(p, '111')
print(q(), q.func is int, q.args, q.keywords)
r = functools.partial(print, 1, sep='-')
r(2, 3)
print(repr(functools.partial(max, 1, key=abs)).split(' at ')[0].replace('<built-in function max>', 'max'))

@functools.lru_cache(maxsize=2)
def sq(x):
    print('compute', x)
    return x * x
print(sq(2), sq(2), sq(3), sq(4), sq(2))
print(sq.cache_info(), sq.cache_parameters())
sq.cache_clear()
print(sq.cache_info())

@functools.lru_cache(typed=True)
def ident(x):
    print('call', repr(x))
    return x
ident(1); ident(1.0); ident(1)
print(ident.cache_info())

@functools.cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info().hits)

def deco(f):
    @functools.wraps(f)
    def inner(*a):
        return f(*a)
    return inner
@deco
def documented(x):
    "doc here"
    return x
print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__)

@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))

class C:
    calls = 0
    @functools.cached_property
    def val(self):
        C.calls += 1
        return 42
c = C()
print(c.val, c.val, C.calls, 'val' in c.__dict__)

@functools.singledispatch
def show(x):
    return 'obj'
@show.register
def _(x: int):
    return 'int'
@show.register(list)
def _(x):
    return 'list'
print(show(1), show([1]), show('s'), show(True))

print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
pm = functools.partialmethod
class D:
    def f(self, a, b): return a + b
    g = pm(f, 10)
print(D().g(5))
print(functools.reduce(operator.mul, range(1, 10), 1))
