# collections.abc: isinstance checks, abstract methods, mixins.
from collections.abc import Mapping, MutableMapping, Sequence, Iterable, Iterator, Callable, Hashable, Sized, Set, Generator

print(isinstance({}, Mapping), isinstance([], Sequence), isinstance((), Sequence), isinstance('', Sequence))
print(isinstance(iter([]), Iterator), isinstance(len, Callable), isinstance([], Hashable), isinstance(set(), Set))
print(issubclass(dict, MutableMapping), issubclass(list, Mapping), isinstance((x for x in ()), Generator))

class M(Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __len__(self): return len(self.d)
    def __iter__(self): return iter(self.d)
m = M({'a': 1, 'b': 2})
print(m.get('a'), m.get('z', 0), 'a' in m, sorted(m.keys()), sorted(m.items()), m == {'a': 1, 'b': 2})
try:
    Mapping()
except TypeError as e:
    print(e)
class S(Sized):
    def __len__(self): return 3
print(len(S()), isinstance(S(), Sized), issubclass(int, Iterable))
