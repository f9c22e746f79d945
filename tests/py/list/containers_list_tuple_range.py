# list, tuple, range and slice behaviour: slicing (get/set/delete), methods, comparisons, reprs,
# hashing, sorting and error messages.
a = list(range(10))
print(a[::2], a[::-3], a[-3:], a[8:2:-2], a[100:], a[-100:2], a[::-1][:3])
b = a[:]
b[2:5] = "xy"; print(b)
b[::3] = [0] * len(b[::3]); print(b)
del b[::2]; print(b)
del b[1:3]; print(b)
b[len(b):] = [7, 8]; print(b)
b[:0] = (1,); print(b)
b[-1:-3:-1] = [10, 20]; print(b)
b[1:2] = b; print(b)
c = [3, 1, 2]
c.append(4); c.extend(range(2)); c.insert(-1, 9); c.insert(100, 5); c.insert(-100, 6); print(c)
print(c.pop(), c.pop(0), c.index(9), c.count(1), c.remove(9), c)
c.reverse(); print(c, c.copy() == c, c.copy() is c)
c.sort(); print(c); c.sort(reverse=True); print(c)
words = ["bb", "a", "ccc", "dd", "e", "fff"]
print(sorted(words, key=len), sorted(words, key=len, reverse=True), sorted(words, reverse=True))
pairs = [(1, "b"), (0, "z"), (1, "a"), (0, "y")]
print(sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[0], reverse=True), sorted(pairs))
print(sorted([3.5, 1, 2.25, -1, 0]), sorted([10**20, 5, -10**20]), sorted("hello"))
l = [1, 2]; l += (3,); l *= 2; print(l, [0] * 3, 2 * [1], [] * 5, [1] * -1)
r = [1]; r.append(r); print(r, [[]] * 2)
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [1] == [1.0], [] <= [], [1, [2]] == [1, [2]])
t = (1, 2, 3)
print(t[1:], t[::-1], t * 2, t + (4,), (1,), (), t.index(2), t.count(3), 2 in t, hash(t), hash(()))
print(hash((1, (2, 3), "")) == hash((1, (2, 3), "")), hash((1.5, -1, 2**70)))
print((1, 2) < (1, 2, 3), (1, "a") < (2,), (1, 2) == (1, 2), tuple([1, 2]), tuple("ab"), tuple(range(3)))
print(list(reversed(t)), list(reversed([1, 2, 3])), list(enumerate(t, 5)), list(zip(t, "abcd")))
print(range(10), range(1, 10, 3), range(5)[1:3], range(10)[::-2], range(0, -10, -3)[1], len(range(1, 100, 7)))
print(list(range(5, 0, -2)), 4 in range(0, 10, 2), 5 in range(0, 10, 2), range(3) == range(0, 3, 1),
      range(0) == range(5, 1), hash(range(3)) == hash(range(0, 3)), range(1, 7, 2).index(5), range(9).count(3))
big = range(0, 10**30, 10**20)
print(big, len(big), big[5], big[-1], 10**25 in big, big[2:4], list(reversed(range(3))), list(range(2**62, 2**62 + 3)))
print(list(reversed(range(10**20, 10**20 + 3))), range(5)[-1], bool(range(0)), bool(range(1)))
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, s.indices(5), slice(None, None, -1).indices(4), slice(3), slice(1, 2) == slice(1, 2))
print(slice(-100, 100).indices(10), slice(1, 2) < slice(1, 3), slice(5, None, -2).indices(20))
data = list(range(20))
data.sort(key=lambda x: x % 3)
print(data)
L1 = [1]
for bad in ("[].pop()", "[1].pop(5)", "[1].index(5)", "[1].remove(5)", "(1,).index(2)", "[1][5]",
            "L1['a']", "(1,)[5]", "[1] + (1,)", "(1,) + [1]", "[3, 'a'].sort()", "range(3)[5]",
            "range(3).index(7)", "range(1, 2, 0)", "hash(slice(1))", "hash([])", "slice(1, 2, 0).indices(3)",
            "[1][1 << 70]", "sorted([1, 'a'])", "[1] * 1.5", "len(range(1 << 70))", "[].sort(1)",
            "max([])", "min(1, 2, default=3)", "sum(['a'], '')", "iter(1, 2)", "next(iter([]))", "next([])"):
    try:
        eval(bad)
    except Exception as e:
        print(type(e).__name__, e)
def modify(x):
    lst.append(x)
    return x
lst = [3, 2, 1]
try:
    lst.sort(key=modify)
except ValueError as e:
    print("ValueError:", e, lst)
print(sum([1, 2, 3]), sum([0.1] * 10), sum([1, 2.5], 10), sum([[1], [2]], []), sum(range(10**6)))
print(max([1, 5, 3]), min("hello"), max([1, 2], key=lambda x: -x), max([], default=0), min(3, 1, 2), max((1, "a"), (1, "b")))
print(all([]), any([]), all([1, 0]), any([0, 2]))
print(list(map(lambda x, y: x + y, [1, 2, 3], [10, 20])), list(filter(None, [0, 1, "", "a"])), list(filter(lambda x: x > 1, range(4))))
it = iter([1, 2, 3]); print(next(it), list(it), next(it, "done"))
calls = iter(list(range(5)).pop, 2); print(list(calls))
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * i
    def __len__(self):
        return 4
print(list(Seq()), list(reversed(Seq())), 9 in Seq(), list(zip(Seq(), Seq())))
print(list(zip()), list(zip([1, 2], [3, 4], strict=True)), list(enumerate("ab", start=-1)))
for z in ("zip([1], [1, 2], strict=True)", "zip([1, 2], [1], strict=True)", "zip([1, 2], [1, 2], [1], strict=True)"):
    try:
        list(eval(z))
    except ValueError as e:
        print("ValueError:", e)
