# pystm.hashtable (integer keys, PyPy-STM's API) behaves like a dict restricted to int keys;
# keys(), values() and items() return lists. Under CPython a dict subclass stands in for it.
from _compare import norm, run, unrepr

try:
    from pystm import hashtable
except ImportError:
    import operator

    class hashtable(dict):
        def _key(self, k):
            return k if type(k) is int else operator.index(k)

        def __getitem__(self, k):
            return dict.__getitem__(self, self._key(k))

        def __setitem__(self, k, v):
            dict.__setitem__(self, self._key(k), v)

        def __delitem__(self, k):
            dict.__delitem__(self, self._key(k))

        def __contains__(self, k):
            return dict.__contains__(self, self._key(k))

        def get(self, k, d=None):
            return dict.get(self, self._key(k), d)

        def setdefault(self, k, d=None):
            return dict.setdefault(self, self._key(k), d)

        def pop(self, k, *d):
            return dict.pop(self, self._key(k), *d)

        def keys(self):
            return list(dict.keys(self))

        def values(self):
            return list(dict.values(self))

        def items(self):
            return list(dict.items(self))

        def iterkeys(self):
            return iter(self.keys())

        def itervalues(self):
            return iter(self.values())

        def iteritems(self):
            return iter(self.items())

        def __repr__(self):
            return "hashtable(" + dict.__repr__(self) + ")"


h = hashtable()
for k in (0, 1, 2, 5, -3, 10 ** 30, True, 1021, 2042):
    h[k] = k * 2 if k is not True else "t"
print(len(h), h[1], h[-3], h[10 ** 30], h[1021], h[2042], 0 in h, 7 in h, 2042 in h)
print(sorted(h.keys()), sorted(map(repr, h.values())), sorted(h.items(), key=repr))
print(type(h.keys()).__name__, type(h.values()).__name__, type(h.items()).__name__)
print(sorted(h), sorted(h.iterkeys()), len(list(h.itervalues())), len(list(h.iteritems())))
print(h.get(5), h.get(6), h.get(6, "d"), h.setdefault(5, 0), h.setdefault(6), h[6])
print(h.setdefault(7, "x"), h.pop(7), h.pop(7, "gone"))
del h[6]
for bad in ("a", 1.5, None, [1]):
    for op in (lambda: h[bad], lambda: h.__setitem__(bad, 1), lambda: bad in h,
               lambda: h.get(bad), lambda: h.__delitem__(bad)):
        try:
            op()
        except TypeError as e:
            print("TypeError", e)
for op in (lambda: h[99], lambda: h.__delitem__(99), lambda: h.pop(99)):
    try:
        op()
    except KeyError as e:
        print("KeyError", e)
print(len(h), unrepr(repr(hashtable())))
small = hashtable()
for k in range(5):
    small[k] = str(k)
print(repr(small), small.keys(), small.items())
h.clear()
print(len(h), h.keys(), bool(h), bool(small))
big = hashtable()
ref = {}
for i in range(20000):
    k = (i * 2654435761) % (1 << 40) - (1 << 39)
    big[k] = i
    ref[k] = i
for k in list(ref)[::2]:
    del big[k]
    del ref[k]
print(len(big) == len(ref), sorted(big.items()) == sorted(ref.items()), sum(big.values()))
