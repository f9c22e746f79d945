print([1, 2] + [3], [0] * 3, [[]] * 2, [1, 2] == [1, 2], [1, 2] < [1, 3], [1] < [1, 0], 2 in [1, 2])
l = [1, 2]; l *= 2; print(l)
a = [1]; a.append(a); print(a)
print(list("abc"), list(range(3)), list({1: 2}), len([None] * 5))
