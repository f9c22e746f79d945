# functools.lru_cache on the native _lru_cache_wrapper: hits, eviction order, typed, maxsize 0/None,
# methods, keyword keys, __hash__ called once per call, copy/pickle, cache_info/cache_clear.
import functools, copy, pickle
@functools.lru_cache(maxsize=2)
def sq(x):
    print('compute', x)
    return x * x
print(sq(2), sq(2), sq(3), sq(4), sq(2), sq(3))
print(sq.cache_info(), sq.cache_parameters(), type(sq), sq.__name__, sq.__wrapped__.__name__)
sq.cache_clear(); print(sq.cache_info())
class H:
    def __init__(self, v): self.v = v
    def __hash__(self):
        print('hash', self.v); return hash(self.v)
    def __eq__(self, o): return isinstance(o, H) and o.v == self.v
@functools.lru_cache
def ident(*a, **k): return len(a) + len(k)
print(ident(H(1), H(2)), ident(H(1), H(2)), ident(1, x=2), ident(1, x=2), ident.cache_info())
@functools.lru_cache(typed=True)
def t(x): print('t', repr(x)); return x
t(1); t(1.0); t(1); t('a'); t('a')
print(t.cache_info())
@functools.lru_cache(maxsize=0)
def z(x): return x
z(1); z(1); print(z.cache_info())
@functools.lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100), fib.cache_info())
class C:
    @functools.lru_cache
    def m(self, x): return (self.__class__.__name__, x)
c = C(); print(c.m(1), c.m(1), C.m.cache_info().hits)
print(copy.copy(sq) is sq, copy.deepcopy(sq) is sq, pickle.loads(pickle.dumps(sq)) is sq)
try: functools.lru_cache(maxsize='x')
except TypeError as e: print(e)
@functools.lru_cache(maxsize=-3)
def neg(x): return x
neg(1); neg(1); print(neg.cache_info())
print(sq.__doc__, sq.__qualname__, sq.__module__)
