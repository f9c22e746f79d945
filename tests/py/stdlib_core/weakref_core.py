# _weakref: ref with callbacks, hash/eq, proxies, counts; clearing after gc.collect().
import _weakref, gc
class A:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return isinstance(other, A) and self.n == other.n
    def __hash__(self):
        return hash(self.n)
log = []
def keep():
    a = A(1)
    r1 = _weakref.ref(a)
    r2 = _weakref.ref(a)
    r3 = _weakref.ref(a, lambda r: log.append('cb'))
    print(r1 is r2, r1 is r3, r1() is a, r3.__callback__ is not None, r1.__callback__)
    print(_weakref.getweakrefcount(a), len(_weakref.getweakrefs(a)))
    print(r1 == _weakref.ref(A(1)) if False else r1 == r3, hash(r1) == hash(1))
    p = _weakref.proxy(a)
    print(p.n, type(p).__name__, type(_weakref.proxy(keep)).__name__)
    p.n = 5
    print(a.n)
    return r1, r3, p
r1, r3, p = keep()
for i in range(3):
    gc.collect()
print(r1(), r3(), log)
try:
    p.n
except ReferenceError as e:
    print('ReferenceError', e)
print(hash(r1) == hash(1))
try:
    _weakref.ref(1)
except TypeError as e:
    print('TypeError', e)
try:
    _weakref.ref([])
except TypeError as e:
    print('TypeError', e)
d = {'k': r1}
_weakref._remove_dead_weakref(d, 'k')
print(d)
class KeyedRef(_weakref.ref):
    __slots__ = ('key',)
    def __new__(cls, ob, callback, key):
        self = _weakref.ref.__new__(cls, ob, callback)
        self.key = key
        return self
    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)
obj = A(2)
k = KeyedRef(obj, None, 'kk')
print(k.key, k() is obj, isinstance(k, _weakref.ReferenceType))
