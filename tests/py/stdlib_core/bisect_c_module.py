# _bisect, the C accelerator that bisect.py imports: results and CPython's argument errors.
import _bisect
import bisect

print(bisect.bisect_left is _bisect.bisect_left)
a = [1, 2, 2, 2, 3, 5]
for x in [0, 2, 4, 6]:
    print(x, _bisect.bisect_left(a, x), _bisect.bisect_right(a, x), _bisect.bisect(a, x) if hasattr(_bisect, "bisect") else None)
print(_bisect.bisect_left(a, 2, 2), _bisect.bisect_right(a, 2, 0, 2), _bisect.bisect_left(a, 2, hi=None))
print(_bisect.bisect_left(a, 2, lo=4, hi=5), _bisect.bisect_right(a, 9, hi=3))
keyed = [("a", 1), ("b", 3), ("c", 5)]
print(_bisect.bisect_left(keyed, 3, key=lambda p: p[1]), _bisect.bisect_right(keyed, 3, key=lambda p: p[1]))
b = []
for v in [5, 1, 4, 1, 3]:
    _bisect.insort_left(b, v)
    _bisect.insort_right(b, v)
print(b)
k = []
for p in [("x", 3), ("y", 1), ("z", 2)]:
    _bisect.insort(k, p, key=lambda q: q[1]) if hasattr(_bisect, "insort") else _bisect.insort_right(k, p, key=lambda q: q[1])
print(k)


class Big:
    def __index__(self):
        return 2**70


for call in [lambda: _bisect.bisect_left(a, 1, -1), lambda: _bisect.bisect_right(a, 1, 0, "x"),
             lambda: _bisect.bisect_left(a), lambda: _bisect.insort_left(10, 1),
             lambda: _bisect.bisect_left(a, 1, lo=Big()), lambda: _bisect.bisect_right(None, 1),
             lambda: _bisect.bisect_left(a, 1, 0, 3, None), lambda: _bisect.bisect_left(x=1, a=a, foo=2)]:
    try:
        print(call())
    except Exception as exc:
        print(type(exc).__name__, exc)
