# Sequence and mapping patterns follow the classes' pattern-matching kind (CPython's
# Py_TPFLAGS_SEQUENCE / MAPPING): builtin kinds, inheritance along the MRO, collections.abc's
# __abc_tpflags__, which cannot declare both.
import array
import collections
import collections.abc as cabc


def kind(x):
    match x:
        case [*_]:
            return "sequence"
        case {}:
            return "mapping"
        case _:
            return "other"


class Seq(cabc.Sequence):
    def __getitem__(self, i):
        return [1, 2][i]

    def __len__(self):
        return 2


class Map(cabc.Mapping):
    def __getitem__(self, k):
        raise KeyError(k)

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0


class Mapping:  # a user class that merely shares the name
    pass


class Sequence:
    pass


class Both(Seq, Map):
    pass


class StrSeq(str, cabc.Sequence):
    pass


samples = [
    [1], (1,), range(2), memoryview(b"ab"), collections.deque([1]), array.array("i", [1]),
    {}, type.__dict__, collections.OrderedDict(), collections.defaultdict(int),
    collections.Counter(), collections.ChainMap(), collections.UserDict(), collections.UserList(),
    "ab", b"ab", bytearray(b"ab"), set(), Seq(), Map(), Mapping(), Sequence(), Both(),
    StrSeq("x"), 1,
]
for s in samples:
    print(type(s).__name__, kind(s))

match Seq():
    case [a, b]:
        print("unpacked", a, b)

print(bool(cabc.Sequence.__flags__ & (1 << 5)), bool(cabc.Mapping.__flags__ & (1 << 6)))
print(bool(list.__flags__ & (1 << 5)), bool(dict.__flags__ & (1 << 6)), bool(str.__flags__ & 0x60))
print("__abc_tpflags__" in cabc.Sequence.__dict__)
try:

    class Bad(cabc.Collection):
        __abc_tpflags__ = cabc.Sequence.__flags__ | cabc.Mapping.__flags__

    print("accepted")
except TypeError as e:
    print("TypeError", e)
