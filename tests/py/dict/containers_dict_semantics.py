# dict: order across deletions, popitem, views and their set operations, update forms,
# __missing__, equality, recursion in repr, mutation during iteration and error messages.
d = {}
for k in (5, 3, 9, 1, 7):
    d[k] = k * 10
del d[3]
d[3] = 0
d[5] = 0
print(d, list(d), list(reversed(d)), d.popitem(), d)
d = dict.fromkeys(range(5000))
for i in range(0, 5000, 2):
    del d[i]
print(len(d), list(d)[:5], list(d)[-3:])
d = dict(a=1, b=2)
d.update([("c", 3)], d=4)
d.update({"e": 5})
class M:
    def keys(self):
        return ["x", "y"]
    def __getitem__(self, k):
        return k * 2
d.update(M())
print(d, d | {"a": 0}, {"z": 1} | d)
d |= [("q", 1)]
print(d)
k = d.keys(); v = d.values(); it = d.items()
print(k, v, it, len(k), "a" in k, 1 in v, ("a", 1) in it, ("a", 2) in it)
print(k & {"a", "nope"}, sorted(k | {"new"}), sorted(k - {"a"}), sorted(k ^ {"a", "zz"}), sorted({"a", "zz"} ^ k))
print(it & {("a", 1)}, sorted(it - {("a", 1)}, key=str), k == {"a", "b", "c", "d", "e", "x", "y", "q"}, k < set(k) | {1})
print(k.isdisjoint({"zzz"}), k.isdisjoint(["a"]), list(reversed(v)), list(reversed(it))[:2])
print(k.mapping is not None)
print({1: 2}.items() ^ {1: 3}.items(), {1: [1]}.items() ^ {1: [1]}.items())
class D(dict):
    def __missing__(self, key):
        return key * 3
dd = D(x=1)
print(dd["ab"], dd["x"], "ab" in dd, dd.get("ab"), type(dd.copy()).__name__, D.fromkeys("ab", 0))
print({1: 2, 3: 4} == {3: 4, 1: 2}, {1: 2} == {1: 3}, {} == {}, {1: 2} != {1: 2})
r = {}
r["self"] = r
print(r, {1: r.keys()})
print(dict([(1, 2), "ab", [3, 4]]), dict(zip("abc", range(3))), dict({1: 2}, x=3))
d = {1: 1, 2: 2, 3: 3}
try:
    for key in d:
        del d[key]
except RuntimeError as e:
    print("RuntimeError:", e)
d = {0: 0, 1: 1, 2: 2}
it = iter(d)
next(it)
del d[0]
d[5] = 5
try:
    print(list(it))
except RuntimeError as e:
    print("RuntimeError:", e)
print(d.setdefault(7, []), d.setdefault(7, 1), d.pop(7), d.pop(99, "dflt"), d.get(1), d.get(99))
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return 1
    def __eq__(self, other):
        return isinstance(other, K) and self.v == other.v
kd = {K(i): i for i in range(10)}
print(kd[K(7)], K(11) in kd, len(kd))
class Evil:
    def __hash__(self):
        return 1
    def __eq__(self, other):
        ed.clear()
        return False
ed = {}
ed[Evil()] = 1
ed[Evil()] = 2
print(len(ed), Evil() in ed)
for bad in ("{}[1]", "{}[[1]]", "{}.pop(1)", "{}.popitem()", "dict([(1, 2, 3)])", "dict([1])", "dict(1)",
            "{1: 2} < {1: 2}", "hash({})", "{}.keys() < 1", "{(1, 2): 0}[(1, 3)]"):
    try:
        eval(bad)
    except Exception as e:
        print(type(e).__name__, e)
print(list(iter({1: 2}.items())), type(iter({})).__name__, type(iter({}.values())).__name__,
      type(reversed({}.items())).__name__, type({}.keys()).__name__)
