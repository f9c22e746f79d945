# __reduce__ / __setstate__ of the itertools types, and pickle / copy round trips at several
# positions (fresh, partly consumed, exhausted).
import copy
import itertools as it
import operator
import pickle
import re


def norm(v):
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(v))


def advanced(make, n):
    x = make()
    for _ in range(n):
        next(x, None)
    return x


def take(x, n=30):
    return list(it.islice(x, n))


def check(name, make, steps=(0, 1, 2, 3, 20)):
    for n in steps:
        print(name, n, norm(advanced(make, n).__reduce__()))
        rest = take(advanced(make, n))
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            r = pickle.loads(pickle.dumps(advanced(make, n), proto))
            assert take(r) == rest, (name, n, proto, take(r), rest)
        for fn in (copy.copy, copy.deepcopy):
            c = fn(advanced(make, n))
            assert take(c) == rest, (name, n, fn.__name__)
        print("  rest", rest)


check("count", lambda: it.count())
check("count_step", lambda: it.count(3, 2))
check("count_float", lambda: it.count(1.5, 0.5))
check("count_big", lambda: it.count(2**70))
check("cycle", lambda: it.cycle("abc"))
check("cycle_empty", lambda: it.cycle([]))
check("repeat", lambda: it.repeat("x", 3))
check("repeat_forever", lambda: it.repeat("x"))
check("accumulate", lambda: it.accumulate([1, 2, 3, 4]))
check("accumulate_func", lambda: it.accumulate([3, 1, 4, 1, 5], max))
check("accumulate_initial", lambda: it.accumulate([1, 2, 3], initial=100))
def second(a, b):
    return b


check("accumulate_none", lambda: it.accumulate([None, 1, 2], second))
check("chain", lambda: it.chain("ab", "", "cd"))
check("chain_from", lambda: it.chain.from_iterable(["ab", "cd"]))
check("compress", lambda: it.compress("abcdef", [1, 0, 1, 1, 0, 1]))
check("dropwhile", lambda: it.dropwhile(operator.not_, [0, 0, 1, 0, 2]))
check("takewhile", lambda: it.takewhile(bool, [1, 2, 0, 3]))
check("filterfalse", lambda: it.filterfalse(None, [0, 1, 0, 2, 0]))
check("islice", lambda: it.islice("abcdefgh", 1, 7, 2))
check("islice_stop", lambda: it.islice("abcdefgh", 3))
check("islice_none", lambda: it.islice("abc", None))
check("starmap", lambda: it.starmap(pow, [(2, 3), (3, 2), (10, 2)]))
check("zip_longest", lambda: it.zip_longest("abc", [1], fillvalue="-"))
check("zip_longest_none", lambda: it.zip_longest("ab", "cde"))
check("product", lambda: it.product("ab", range(3)))
check("product_repeat", lambda: it.product("ab", repeat=2))
check("product_empty", lambda: it.product("ab", ""))
check("permutations", lambda: it.permutations("abc"))
check("permutations_r", lambda: it.permutations("abcd", 2))
check("permutations_big_r", lambda: it.permutations("ab", 3))
check("combinations", lambda: it.combinations("abcd", 2))
check("combinations_0", lambda: it.combinations("abc", 0), (0, 1))
check("combinations_big_r", lambda: it.combinations("ab", 3))
check("cwr", lambda: it.combinations_with_replacement("abc", 2))
check("cwr_empty", lambda: it.combinations_with_replacement("", 2))


def groups(g):
    return [(k, list(v)) for k, v in g]


for n in range(5):
    g = advanced(lambda: it.groupby("aabbbc"), n)
    print("groupby", n, norm(g.__reduce__()))
    print("  ", groups(pickle.loads(pickle.dumps(g))), groups(copy.deepcopy(g)))
g = it.groupby("aabbbc", str.upper)
k, grp = next(g)
print(norm(grp.__reduce__()))
next(grp)
print(norm(grp.__reduce__()))
print(list(copy.deepcopy(grp)))
next(g)
print(norm(grp.__reduce__()))

a, b = it.tee(range(100))
for _ in range(60):
    next(a)
print(norm(a.__reduce__()))
print(norm(b.__reduce__()))
print(take(pickle.loads(pickle.dumps(a)), 5), take(pickle.loads(pickle.dumps(b)), 5))
print(take(copy.deepcopy(a), 5), take(copy.copy(b), 5))
d = a.__reduce__()[2][0]
print(type(d).__name__, norm(d.__reduce__()))

# pairwise is not picklable in 3.11.
try:
    pickle.dumps(it.pairwise("abc"))
except TypeError as e:
    print("TypeError", e)

# __setstate__ errors.
for obj, state in [
    (it.chain("ab"), 5),
    (it.chain("ab"), ("ab",)),
    (it.cycle("ab"), 5),
    (it.product("ab"), (0, 0)),
    (it.combinations("abc", 2), (0,)),
    (it.permutations("abc", 2), ((0, 1, 2), (3,))),
    (it.tee("ab")[0], (1, 2)),
    (it.tee("ab")[0], (it.tee("ab")[0].__reduce__()[2][0], 99)),
]:
    try:
        obj.__setstate__(state)
        print("ok", type(obj).__name__)
    except (TypeError, ValueError) as e:
        print(type(obj).__name__, type(e).__name__, e)
