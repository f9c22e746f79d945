# pystm.stmset behaves like set in every method and operator: each operation runs on an stmset
# and on a set, and both results are printed (under CPython, stmset is set itself).
import collections.abc
from _compare import norm, run, unrepr, roundtrip

try:
    from pystm import stmset
except ImportError:
    stmset = set


def pair(*args):
    return [stmset(*args), set(*args)]


run("empty", pair(), len)
run("iterable", pair("abcab"), len)
run("range", pair(range(10)), lambda c: 5 in c)
run("stmset arg", [stmset(stmset([1, 2])), set(set([1, 2]))], len)
for cls in (stmset, set):
    for arg in (5, [[1]]):
        try:
            cls(arg)
        except TypeError as e:
            print("bad", arg, e)

cs = pair()
for e in [1, "s", (1, 2), 2.5, None, True, -7, frozenset({1})]:
    run("add", cs, lambda c: c.add(e))
run("add dup", cs, lambda c: c.add(1.0))
run("add unhashable", cs, lambda c: c.add([1]))
run("in", cs, lambda c: (1 in c, "x" in c, (1, 2) in c, None in c, 1.0 in c))
run("in set", cs, lambda c: ({1} in c, set() in c))
run("in unhashable", cs, lambda c: [1] in c)
run("remove", cs, lambda c: c.remove("s"))
run("remove missing", cs, lambda c: c.remove("s"))
run("remove set", cs, lambda c: c.remove({1}))
run("remove unhashable", cs, lambda c: c.remove([]))
run("discard", cs, lambda c: (c.discard(-7), c.discard(-7), c.discard("zz")))
run("discard unhashable", cs, lambda c: c.discard([]))
run("len", cs, len)
run("bool", cs, bool)
run("bool empty", pair(), bool)
run("iter", cs, lambda c: sorted(map(repr, c)))

# Order-defined cases: small non-negative ints added in increasing order.
cs = pair(range(5))
run("list", cs, list)
run("repr", cs, lambda c: unrepr(repr(c)))
run("repr empty", pair(), lambda c: unrepr(repr(c)))
run("pop", cs, lambda c: c.pop())
run("copy", cs, lambda c: (c.copy(), c.copy() is c, type(c.copy()) is type(c)))
run("clear", cs, lambda c: c.clear())
run("pop empty", cs, lambda c: c.pop())

# Algebra: methods take any iterables, operators only sets.
for others in [([2, 3, 9],), ({1}, (4, 5)), (), (stmset([1, 2]),), ("ab",)]:
    for name in ("union", "intersection", "difference"):
        run(name, pair({1, 2, 3, 4}), lambda c: getattr(c, name)(*others))
    for name in ("update", "intersection_update", "difference_update"):
        run(name, pair({1, 2, 3, 4}), lambda c: getattr(c, name)(*others))
for other in ([2, 3, 9], {1, 7}, stmset([4]), frozenset({2})):
    run("symmetric_difference", pair({1, 2, 3, 4}), lambda c: c.symmetric_difference(other))
    run("symmetric_difference_update", pair({1, 2, 3, 4}),
        lambda c: c.symmetric_difference_update(other))
    run("issubset", pair({1, 2}), lambda c: (c.issubset(other), c.issuperset(other),
                                             c.isdisjoint(other)))
run("bad arg", pair(), lambda c: c.union(5))
run("bad arg2", pair({1}), lambda c: c.issubset(5))

stm_other = stmset([3, 1])
for other in ({1, 2}, frozenset({2, 5}), stm_other, set()):
    run("ops", pair({1, 2, 3}), lambda c: (c | other, c & other, c - other, c ^ other))
    run("rops", pair({1, 2, 3}), lambda c: (other | c, other & c, other - c, other ^ c))
    run("cmp", pair({1, 2}), lambda c: (c == other, c != other, c < other, c <= other,
                                        c > other, c >= other))
    run("rcmp", pair({1, 2}), lambda c: (other == c, other != c, other < c, other <= c,
                                         other > c, other >= c))
    if other is stm_other:
        continue  # set's own in-place operators do not know stmset (they return NotImplemented)
    run("ior", pair({1, 2, 3}), lambda c: c.__ior__(other) is c)
    run("iand", pair({1, 2, 3}), lambda c: c.__iand__(other) is c)
    run("isub", pair({1, 2, 3}), lambda c: c.__isub__(other) is c)
    run("ixor", pair({1, 2, 3}), lambda c: c.__ixor__(other) is c)
run("or list", pair({1}), lambda c: c | [2])
run("and list", pair({1}), lambda c: c & [2])
run("lt list", pair({1}), lambda c: c < [2])
run("eq list", pair({1}), lambda c: (c == [1], c != [1]))
run("ior list", pair({1}), lambda c: c.__ior__([2]))


def inplace(c):
    d = c
    d |= {9}
    d &= {1, 9}
    d -= {1}
    d ^= {4}
    return d is c


run("inplace ops", pair({1, 2}), inplace)
run("hash", pair(), hash)
for c in pair():
    print("abc", isinstance(c, collections.abc.MutableSet), isinstance(c, collections.abc.Set))
run("pickle", pair({1, "a", (2,)}), roundtrip)
run("frozenset eq", pair({1, 2}), lambda c: (frozenset({1, 2}) == c, c == frozenset({2, 1})))
for c in (stmset, set):
    print("class_getitem", c[int].__origin__ is c)

big = pair()
for i in range(5000):
    for c in big:
        c.add(i * 7919 % 100003)
for i in range(0, 5000, 3):
    for c in big:
        c.discard(i * 7919 % 100003)
run("big", big, lambda c: (len(c), sum(c) % 1000003))
print(big[0] == big[1], big[1] == big[0], big[0] <= big[1], norm(big[0]) == norm(big[1]))
