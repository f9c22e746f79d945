# __reduce__ / __setstate__ of the builtin iterators, and pickle / copy round trips at several
# positions (fresh, partly consumed, exhausted).
import copy
import pickle
import re


def norm(v):
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(v))


def check(name, make, steps=(0, 1, 2, 10)):
    for n in steps:
        it = make()
        for _ in range(n):
            next(it, None)
        print(name, n, norm(it.__reduce__()))
        rest = list(make_rest(make, n))
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            it = make()
            for _ in range(n):
                next(it, None)
            r = pickle.loads(pickle.dumps(it, proto))
            assert list(r) == rest, (name, n, proto)
        for fn in (copy.copy, copy.deepcopy):
            it = make()
            for _ in range(n):
                next(it, None)
            c = fn(it)
            assert list(c) == rest, (name, n, fn.__name__)
        print("  rest", rest)


def make_rest(make, n):
    it = make()
    for _ in range(n):
        next(it, None)
    return it


check("list", lambda: iter([1, 2, 3]))
check("list_rev", lambda: reversed([1, 2, 3]))
check("tuple", lambda: iter((1, 2, 3)))
check("str", lambda: iter("abc"))
check("str_wide", lambda: iter("a\u1234c"))
check("bytes", lambda: iter(b"abc"))
check("bytearray", lambda: iter(bytearray(b"abc")))
check("range", lambda: iter(range(1, 10, 3)))
check("range_rev", lambda: reversed(range(1, 10, 3)))
check("range_neg", lambda: iter(range(10, 0, -4)))
check("range_empty", lambda: iter(range(0)))
check("longrange", lambda: iter(range(2**70, 2**70 + 3)))
check("longrange_rev", lambda: reversed(range(2**70, 2**70 + 3)))
check("dict_keys", lambda: iter({1: 2, 3: 4}))
check("dict_values", lambda: iter({1: 2, 3: 4}.values()))
check("dict_items", lambda: iter({1: 2, 3: 4}.items()))
check("dict_rev", lambda: reversed({1: 2, 3: 4}))
check("set", lambda: iter({5}))
check("zip", lambda: zip([1, 2, 3], "ab"))
check("zip_strict", lambda: zip([1, 2], "ab", strict=True))
check("zip_empty", lambda: zip())
check("map", lambda: map(abs, [-1, -2, -3]))
check("map2", lambda: map(pow, [1, 2, 3], [2, 2]))
check("filter", lambda: filter(None, [0, 1, 0, 2]))
check("enumerate", lambda: enumerate("abc", 5))
check("enumerate_big", lambda: enumerate("abc", 2**65))


class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10

    def __len__(self):
        return 3


check("seq_iter", lambda: iter(Seq()))
check("seq_reversed", lambda: reversed(Seq()))
check("callable", lambda: iter([1, 2, 3, 0, 5].pop, 3))

# __setstate__ clamps the position.
it = iter(range(5))
it.__setstate__(3)
print(list(it))
it = iter(range(5))
it.__setstate__(-3)
print(list(it))
it = iter(range(5))
it.__setstate__(99)
print(list(it))
it = iter(range(2**70, 2**70 + 5))
it.__setstate__(2)
print(list(it))
it = iter(b"abcd")
it.__setstate__(2)
print(list(it))
it = iter(bytearray(b"abcd"))
it.__setstate__(10)
print(list(it))
z = zip([1, 2], [3])
z.__setstate__(True)
try:
    list(z)
except ValueError as e:
    print("ValueError", e)
