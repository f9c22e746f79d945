# types.GenericAlias.__unpacked__: False for list[int]; iterating an alias yields its unpacked
# form *tuple[int], which repr()s with a star and compares unequal to the packed alias.
import types

print(list[int].__unpacked__, tuple[int, str].__unpacked__, dict[str, int].__unpacked__)
u, = tuple[int]
print(type(u) is types.GenericAlias, u, u.__unpacked__, u.__origin__, u.__args__)
print(u == tuple[int], u == next(iter(tuple[int])), u != tuple[int])
print([*tuple[int, str]], list(list[int]))
it = iter(dict[str, int])
print(next(it), next(it, 'done'))
print(types.GenericAlias(list, int).__unpacked__)
