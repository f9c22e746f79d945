# functools.partial: weak references, assigning __dict__ (a dict only), a repr that meets the
# partial itself again prints "..."; _lru_cache_wrapper objects are weak-referenceable too.
import functools, weakref

def f(*args, **kw):
    return args, kw

p = functools.partial(f, 1)
r = weakref.ref(p)
print(r() is p, r()(2), weakref.ref(p) is r)
calls = []
r2 = weakref.ref(p, calls.append)
print(r2 is not r, r2() is p, weakref.getweakrefcount(p))

p = functools.partial(f, 1)
p.__dict__ = {'x': 1}
print(p.x, p.__dict__)
for bad in (3, None, [('a', 1)]):
    try:
        p.__dict__ = bad
    except TypeError as e:
        print('TypeError:', e)
try:
    del p.__dict__
except TypeError as e:
    print('TypeError:', e)
print(p.__dict__)

def clean(s):
    return s.replace(hex(id(f)), 'ADDR')

p = functools.partial(f)
p.__setstate__((f, (p,), {}, None))
print(clean(repr(p)))
p.__setstate__((f, (), {'a': p}, None))
print(clean(repr(p)))
p.__setstate__((p, (1,), {'a': 2}, None))
print(repr(p))

class Sub(functools.partial):
    pass
s = Sub(f)
s.__setstate__((f, (s, s), {'k': s}, None))
print(clean(repr(s)))
print(weakref.ref(s)() is s)

c = functools.lru_cache(maxsize=2)(f)
wc = weakref.ref(c)
print(wc() is c, wc()(1))
c.__dict__ = {'y': 2}
print(c.y)
try:
    c.__dict__ = 5
except TypeError as e:
    print('TypeError:', e)
