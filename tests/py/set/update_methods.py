s = {1, 2}
s.update([3], (4,), {5})
s.intersection_update({1, 2, 3, 4, 10})
s.difference_update([1])
s.symmetric_difference_update({4, 9})
print(sorted(s), s.pop() in {2, 3, 9}, len(s))
