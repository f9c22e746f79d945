f = frozenset({1, 2, 3})
print(f | {4}, type(f | {4}).__name__, type({4} | f).__name__, hash(f) == hash(frozenset([3, 2, 1])), {f: 1}[frozenset([1, 2, 3])])
try:
    f.add(1)
except AttributeError as e:
    print(e)
