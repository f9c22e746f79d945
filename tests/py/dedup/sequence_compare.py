# Lexicographic comparison of list, tuple and deque: identity before ==, the length rule,
# the ordering fallback, and lists changed by an item's __eq__ while they are compared.
from collections import deque

nan = float("nan")
for make in (list, tuple, deque):
    a = make([1, nan, 3])
    print(make.__name__, a == make([1, nan, 3]), a == a, a != make([1, nan]))
    print(make([1, 2]) < make([1, 2, 0]), make([1, 3]) > make([1, 2, 9]), make() <= make(), make([2]) >= make([1, 5]))
    print(make(["a", 1]) == make(["a", 1.0]), make([1, 2]) != make([1, 2]))
    try:
        make([1, "x"]) < make([1, 2])
    except TypeError as e:
        print(make.__name__, e)

class Loud:
    def __init__(self, name):
        self.name = name
    def __eq__(self, other):
        print("eq", self.name)
        return False

# Tuples compare items before lengths; lists and deques answer == from the lengths first.
print((Loud("t"),) == (Loud("u"), 1))
print([Loud("l")] == [Loud("m"), 1])
print(deque([Loud("d")]) == deque([Loud("e"), 1]))
print((Loud("t"),) < (Loud("u"), 1) if False else "skip")

class Shrink:
    def __init__(self, lst):
        self.lst = lst
    def __eq__(self, other):
        self.lst.clear()
        return True

x = []
x.extend([Shrink(x), 1, 2])
print(x == [0, 1, 2], len(x))
y = []
y.extend([Shrink(y), 5])
z = [Shrink([]), 5]
print(y < z, y > z, len(y))
print(list.__eq__([1], (1,)), tuple.__lt__((1,), [1]))
