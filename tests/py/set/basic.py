s = {3, 1, 2}
s.add(4); s.discard(10); s.remove(1)
print(s, len(s), 2 in s, sorted(s))
print({1, 2, 3} | {3, 4}, {1, 2, 3} & {2, 3, 4}, {1, 2, 3} - {2}, {1, 2} ^ {2, 3})
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1}.isdisjoint({2}), set(), frozenset([1, 2]), set("aab") == {"a", "b"})
try:
    s.remove(99)
except KeyError as e:
    print("KeyError", e)
