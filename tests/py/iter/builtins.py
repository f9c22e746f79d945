print(list(enumerate("ab", 1)), list(zip([1, 2, 3], "ab")), list(map(abs, [-1, 2])), list(filter(None, [0, 1, "", "a"])))
print(list(map(lambda a, b: a + b, [1, 2], [10, 20])), list(reversed([1, 2, 3])), list(reversed("abc")))
print(min(3, 1, 2), max([4, 9, 2]), min("abc"), max([], default=0), min([(1, "b"), (1, "a")]), max("aA", key=str.lower))
print(sum([1, 2, 3]), sum([0.1] * 10), sum([[1], [2]], []), all([]), any([]), all([1, 0]), any([0, 2]))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
try:
    max([])
except ValueError as e:
    print(e)
try:
    list(zip([1], [2, 3], strict=True))
except ValueError as e:
    print(e)
