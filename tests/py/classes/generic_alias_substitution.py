# types.GenericAlias and types.UnionType substitute their type variables (alias[T][int]).
import collections.abc
import copy
import pickle
import types
import weakref
from typing import Dict, Generic, ParamSpec, Tuple, TypeVar, TypeVarTuple, Unpack

T = TypeVar("T")
S = TypeVar("S")
Ts = TypeVarTuple("Ts")
P = ParamSpec("P")

print(list[T].__parameters__, dict[T, T].__parameters__, dict[T, list[S]].__parameters__)
print(list[T][int], dict[T, list[S]][str, int], dict[str, T][list[S]])
print(tuple[*Ts], tuple[*Ts].__parameters__, tuple[int, *Ts][str, float], tuple[*Ts][()])
print(tuple[T, *Ts][int, str, bytes], tuple[T, *Ts][int], tuple[Unpack[Ts]])
print(list[T][*tuple[int]], Dict[T, S][*tuple[int, str]], tuple[T, *Ts][*tuple[int, ...]])
print((int | list[T])[str], (list[T] | dict[T, S])[int, str], (int | list[T]).__parameters__)
print(collections.abc.Callable[[int, T], T][str], collections.abc.Callable[P, T][[int], str])
print(a := (*tuple[int, str],)[0], a.__typing_unpacked_tuple_args__, tuple[int].__typing_unpacked_tuple_args__)

for bad in [lambda: list[int][int], lambda: dict[T, S][int], lambda: list[T][int, str],
            lambda: (int | str)[int], lambda: tuple[*Ts][*tuple[int, ...], *tuple[str, ...]]]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

for a in [list[T], tuple[*Ts], *tuple[int], tuple[*tuple[int, ...]], dict[str, int]]:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        b = pickle.loads(pickle.dumps(a, proto))
        assert b == a and b.__unpacked__ == a.__unpacked__, (a, proto)
    print(a, copy.copy(a) == a, copy.deepcopy(a) == a)

class Sub(types.GenericAlias):
    pass
print(Sub(list, int) == list[int], list[int] == Sub(list, int))
d = dir(list[int])
print(set(dir(list)) <= set(d), "__origin__" in d, "__parameters__" in d)
print(weakref.ref(list[int]) is not None)
try:
    weakref.ref(int | str)
except TypeError as e:
    print("TypeError", e)
print(list[int].append, dict[int, str].__getitem__({1: "a"}, 1), list[int].__name__, list[int].__module__)
print((int | str).__module__, hash(int | str) == hash(str | int) == hash(frozenset([int, str])))
