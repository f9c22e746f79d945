# bisect: bisect_left/right (and bisect), insort_left/right (and insort) with lo/hi bounds, key=,
# duplicates, empty sequences, non-list sequences, and the errors CPython raises.
import bisect

a = [1, 2, 2, 2, 3, 5, 8]
for x in [0, 1, 2, 3, 4, 5, 8, 9]:
    print(x, bisect.bisect_left(a, x), bisect.bisect_right(a, x), bisect.bisect(a, x))
print(bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 2), bisect.bisect_left(a, 2, lo=4))
print(bisect.bisect_right(a, 100, hi=3), bisect.bisect_left(a, -1, 3, 5))
print(bisect.bisect_left([], 1), bisect.bisect_right([], 1), bisect.bisect_left(a, 2, 5, 2))
print(bisect.bisect_left((1, 3, 5), 4), bisect.bisect_right("acegi", "e"), bisect.bisect(range(10), 4))

# key= applies to the items, not to x
recs = [("a", 1), ("b", 3), ("c", 3), ("d", 7)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
print(bisect.bisect(recs, 0, key=lambda r: r[1]), bisect.bisect(recs, 8, key=lambda r: r[1]))

b = []
for v in [5, 1, 4, 1, 5, 9, 2, 6]:
    bisect.insort(b, v)
print(b)
bisect.insort_left(b, 5)
bisect.insort_right(b, 0)
bisect.insort(b, 10, 0, len(b))
print(b)
b2 = []
for r in [("x", 4), ("y", 2), ("z", 4), ("w", 1)]:
    bisect.insort_right(b2, r, key=lambda r: r[1])
print(b2)
b3 = []
for r in [("x", 4), ("y", 2), ("z", 4)]:
    bisect.insort_left(b3, r, key=lambda r: r[1])
print(b3)

# Comparisons use __lt__ only.
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, other): return self.v < other.v
    def __repr__(self): return f"K({self.v})"
ks = [K(1), K(3), K(5)]
print(bisect.bisect_left(ks, K(3)), bisect.bisect_right(ks, K(3)))
bisect.insort(ks, K(4))
print(ks)

for call in [lambda: bisect.bisect_left(a, 1, -1), lambda: bisect.bisect_right(a, 1, lo=-5),
             lambda: bisect.bisect_left(None, 1), lambda: bisect.bisect_left(a),
             lambda: bisect.bisect_left([1, "a"], 2), lambda: bisect.insort(3, 1),
             lambda: bisect.bisect_left(a, 1, "x"), lambda: bisect.insort((1, 2), 1),
             lambda: bisect.bisect_left(a, 1, bad=2), lambda: bisect.bisect_left(a, 1, 10**30),
             lambda: bisect.bisect_right(a, 1, -10**30), lambda: bisect.bisect_left(a, 1, 0, 10**30),
             lambda: bisect.bisect_left(a, 1, 0, 2.0), lambda: bisect.insort(a, 1, 0, None, key=None, lo=0)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
print(sorted(n for n in dir(bisect) if not n.startswith("__")))
