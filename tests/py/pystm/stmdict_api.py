# pystm.stmdict behaves like dict in every method: each operation runs on an stmdict and on a
# dict, and both results are printed (under CPython, stmdict is dict itself, see _compare.py).
# Iteration order is compared only where it is defined for stmdict too: small non-negative int
# keys inserted in increasing order.
import collections.abc
from _compare import norm, run, unrepr, roundtrip

try:
    from pystm import stmdict
except ImportError:
    stmdict = dict


def pair(*args, **kwargs):
    return [stmdict(*args, **kwargs), dict(*args, **kwargs)]


# Construction.
run("empty", pair(), lambda c: len(c))
run("kwargs", pair(a=1, b=2), lambda c: len(c))
run("mapping", pair({1: "x", "k": (2,)}), lambda c: c[1])
run("pairs", pair([(1, 2), ("a", "b")], z=3), lambda c: c["z"])
run("stmdict arg", [stmdict(stmdict({1: 2})), dict(dict({1: 2}))], lambda c: c[1])
for bad in ([1], [(1, 2, 3)], 5, [[1]]):
    try:
        stmdict(bad)
    except Exception as e:
        print("bad", bad, type(e).__name__, e)
    try:
        dict(bad)
    except Exception as e:
        print("bad", bad, type(e).__name__, e)
run("fromkeys", [stmdict.fromkeys("abc", 0), dict.fromkeys("abc", 0)], lambda c: c["b"])
run("fromkeys none", [stmdict.fromkeys(range(3)), dict.fromkeys(range(3))], lambda c: c[2])

# One key.
cs = pair()
for k, v in [(1, "a"), ("s", 2), ((1, 2), None), (2.5, [1]), (None, 0), (True, "t"), (-7, 7)]:
    run("set", cs, lambda c: c.__setitem__(k, v))
run("get", cs, lambda c: c[True])
run("getitem 1.0", cs, lambda c: c[1.0])
run("missing", cs, lambda c: c["nope"])
run("unhashable get", cs, lambda c: c[[1]])
run("unhashable set", cs, lambda c: c.__setitem__({}, 1))
run("unhashable in", cs, lambda c: [] in c)
run("in", cs, lambda c: ((1, 2) in c, "x" in c, None in c))
run("get default", cs, lambda c: (c.get("s"), c.get("zz"), c.get("zz", 5)))
run("setdefault", cs, lambda c: (c.setdefault("s", 9), c.setdefault("new", 9), c.setdefault("n2")))
run("pop", cs, lambda c: c.pop("s"))
run("pop default", cs, lambda c: (c.pop("s", "d"), c.pop(-7, "d")))
run("pop missing", cs, lambda c: c.pop("s"))
run("pop args", cs, lambda c: c.pop(1, 2, 3))
run("del", cs, lambda c: c.__delitem__((1, 2)))
run("del missing", cs, lambda c: c.__delitem__((1, 2)))
run("del unhashable", cs, lambda c: c.__delitem__([]))
run("len", cs, len)
run("bool", cs, bool)
run("bool empty", pair(), bool)

# Views.
cs = pair({1: "a", 2: "b", 3: "c"})
run("keys", cs, lambda c: list(c.keys()))
run("values", cs, lambda c: list(c.values()))
run("items", cs, lambda c: list(c.items()))
run("iter", cs, list)
run("reversed", cs, lambda c: list(reversed(c)))
run("reversed views", cs, lambda c: (list(reversed(c.keys())), list(reversed(c.values())),
                                     list(reversed(c.items()))))
run("view len", cs, lambda c: (len(c.keys()), len(c.values()), len(c.items())))
run("view in", cs, lambda c: (2 in c.keys(), 9 in c.keys(), "b" in c.values(),
                              (2, "b") in c.items(), (2, "x") in c.items()))
run("keys ops", cs, lambda c: (c.keys() & {1, 5}, c.keys() | {5}, c.keys() - {1}, c.keys() ^ {1, 9}))
run("items ops", cs, lambda c: (c.items() & {(1, "a")}, c.items() - {(1, "a")}))
run("keys eq", cs, lambda c: (c.keys() == {1, 2, 3}, c.keys() == {1}, c.items() == {(1, "a")}))
run("isdisjoint", cs, lambda c: (c.keys().isdisjoint({7}), c.keys().isdisjoint([1])))
run("live view", cs, lambda c: (lambda v: (c.__setitem__(4, "d"), len(v), sorted(v))[1:])(c.keys()))
run("mapping", cs, lambda c: dict(c.keys().mapping))
run("repr", cs, lambda c: (unrepr(repr(c)), repr(c.keys()).split("(", 1)[1],
                           repr(c.values()).split("(", 1)[1], repr(c.items()).split("(", 1)[1]))
run("repr empty", pair(), lambda c: unrepr(repr(c)))
run("str", cs, lambda c: unrepr(str(c)))
rec = pair({1: 2})
for c in rec:
    c[2] = c
for c in rec:
    print("repr recursive", unrepr(repr(c)).replace("stmdict(", "").replace(")", ""))
    del c[2]

# Whole-container operations.
cs = pair({1: 1, 2: 2, 3: 3})
run("popitem", cs, lambda c: c.popitem())
run("popitem 2", cs, lambda c: c.popitem())
run("update", cs, lambda c: c.update({5: 5}, six=6))
run("update pairs", cs, lambda c: c.update([(7, 7)]))
run("update kw", cs, lambda c: c.update(x=1))
run("update stmdict", cs, lambda c: c.update(stmdict({8: 8})))
run("update bad", cs, lambda c: c.update([(1, 2, 3)]))
run("update bad2", cs, lambda c: c.update(3))
run("update mapping", cs, lambda c: c.update(collections.UserDict({9: 9})))
run("copy", cs, lambda c: (c.copy(), c.copy() is c, type(c.copy()) is type(c)))
run("copy independent", cs, lambda c: (lambda d: (d.__setitem__(100, 0), len(c), len(d))[1:])(c.copy()))
run("clear", cs, lambda c: c.clear())
run("popitem empty", cs, lambda c: c.popitem())
run("after clear", cs, lambda c: (len(c), list(c), c.get(1)))
run("reuse", cs, lambda c: (c.__setitem__(1, "again"), c[1])[1])

# Equality and operators.
a, b = pair({1: 2, "x": [3]})
for other in ({1: 2, "x": [3]}, {1: 2}, {1: 2, "x": [4]}, stmdict({1: 2, "x": [3]}), [], None,
              collections.OrderedDict([(1, 2), ("x", [3])])):
    print("eq", a == other, b == other, other == a, other == b, a != other, b != other)
run("hash", pair(), hash)
run("lt", pair(), lambda c: c < {})
run("or", pair({1: 1}), lambda c: c | {2: 2})
run("or stmdict", pair({1: 1}), lambda c: c | stmdict({2: 2}))
run("ror", pair({1: 1}), lambda c: {2: 2, 1: 0} | c)
run("or list", pair({1: 1}), lambda c: c | [(2, 2)])
run("ior", pair({1: 1}), lambda c: c.__ior__([(2, 2)]))
run("ior op", pair({1: 1}), lambda c: (lambda x: (x.__ior__({3: 3}) is x))(c))
run("nan key", pair(), lambda c: (c.__setitem__(float("nan"), 1), len(c))[1])

# Abstract base classes, pickling, copying, class features.
for c in pair():
    print("abc", isinstance(c, collections.abc.MutableMapping), isinstance(c, collections.abc.Mapping))
run("pickle", pair({1: [1], "a": (2,)}), roundtrip)
run("deepcopy", pair({1: [1]}), lambda c: (lambda d: d[1] is c[1])(__import__("copy").deepcopy(c)))
for c in (stmdict, dict):
    print("class_getitem", c[int, str].__origin__ is c, c[int, str].__args__)


class Sub(stmdict):
    def __missing__(self, key):
        return ("missing", key)


class DSub(dict):
    def __missing__(self, key):
        return ("missing", key)


run("missing hook", [Sub({1: 2}), DSub({1: 2})], lambda c: (c[1], c[5], c.get(5), 5 in c))
run("fromkeys sub", [Sub.fromkeys([1]), DSub.fromkeys([1])], lambda c: (type(c).__name__[-3:], c[2]))

# Many keys: every bucket used, all operations agree.
big = pair()
for i in range(5000):
    for c in big:
        c[i * 7919 % 100003] = i
for i in range(0, 5000, 3):
    for c in big:
        del c[i * 7919 % 100003]
run("big", big, lambda c: (len(c), sum(c.values()), sum(c.keys()) % 1000003))
print(norm(big[0]) == norm(big[1]), big[0] == big[1], big[1] == big[0])
