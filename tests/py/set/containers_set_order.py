# Set iteration orders after insertions, deletions, pops and set operations (CPython's table
# layout), frozenset hashing, reprs and errors.
s = {0, 8, 16}
s.discard(0); s.discard(8); s.add(24); s.add(32)
print(s)
s = set()
for i in range(100):
    s.add(i * 7 % 101)
for i in range(0, 100, 3):
    s.discard(i)
for i in range(-20, 0):
    s.add(i)
print(s)
s = set([5, 13, 21, 1000, -1, -2, 2**40, 7, 99])
print(s, [s.pop() for _ in range(4)], s)
print(set((i, i * 2) for i in range(20)))
print({0.5, 1.5, 2.25, 1e10, -3.75, 100.125, 7.0})
a = set(range(0, 40, 3)); b = set(range(0, 40, 5))
print(a | b, a & b, a - b, a ^ b, b ^ a, b - a, b & a)
print(a.union(range(50, 60), [1, 2]), a.intersection([3, 6, 100]), a.difference([0, 3], {6}))
print(a.symmetric_difference(range(10)), a.isdisjoint(b), a.issubset(range(100)), a.issuperset([3, 6]))
c = a.copy(); c &= b; print(c)
c = a.copy(); c |= {1000, 2000}; print(c)
c = a.copy(); c -= b; print(c)
c = a.copy(); c ^= b; print(c)
c = a.copy(); c.intersection_update(b, range(16)); print(c)
c = a.copy(); c.difference_update(b, [3]); print(c)
c = a.copy(); c.symmetric_difference_update([1, 3, 5]); print(c)
c = a.copy(); c.update([7, 8], {9}); print(c)
d = dict.fromkeys([9, 1, 17, 33, 2, 50, 64])
print(set(d), set(list(d)), set(d.keys()) | {1}, d.keys() & {1, 9}, d.keys() - {1}, d.keys() ^ {1, 100})
print(frozenset({1, 2, 3}), frozenset(), set(), hash(frozenset({1, 2, 3})), hash(frozenset()))
print(hash(frozenset(range(100))), hash(frozenset([(1, 2), 3.5, -1])))
print({1, 2} == frozenset({1, 2}), {1} < {1, 2}, {1, 2} <= {1, 2}, {1, 2} > {1}, {3} >= {1})
print(frozenset({1}) | {2}, {2} | frozenset({1}), type(frozenset({1}) - {1}).__name__)
print(frozenset([1, 2]) in {frozenset([1, 2])}, {1, 2} in {frozenset([1, 2])})
s = {frozenset([1])}
s.remove({1}); print(s)
class MySet(set):
    pass
print(MySet([3, 1]), MySet(), type(MySet([1]) | {2}).__name__)
r = set(range(5))
try:
    for x in r:
        r.add(x + 10)
except RuntimeError as e:
    print("RuntimeError:", e)
for bad in ("set().pop()", "{1}.remove(2)", "{1}.remove([1])", "set([[1]])", "{1} | [2]", "{1} < [1]"):
    try:
        eval(bad)
    except Exception as e:
        print(type(e).__name__, e)
big = set(range(0, 10000, 7))
for i in range(0, 10000, 14):
    big.discard(i)
print(len(big), list(big)[:20])
big.difference_update(range(0, 5000))
print(len(big), list(big)[:10])
