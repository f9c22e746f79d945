# The list iterator and the list reverse iterator pickle with their position (__reduce__ /
# __setstate__), fresh, advanced and exhausted; __setstate__ clamps the index.
import pickle

for make in [iter, reversed]:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        orig = [4, 5, 6, 7]
        it = make(orig)
        copy, a = pickle.loads(pickle.dumps((it, orig), proto))
        assert type(copy) is type(it)
        a[:] = [10, 11, 12, 13, 14, 15]
        first = list(copy)
        next(it)
        copy, a = pickle.loads(pickle.dumps((it, orig), proto))
        second = list(copy)
        list(it)
        third = list(pickle.loads(pickle.dumps(it, proto)))
    print(type(it).__name__, first, second, third)

print(iter([1, 2]).__reduce__()[1:])
print(reversed([1, 2]).__reduce__()[1:])
it = iter([1, 2])
list(it)
print(it.__reduce__()[1:])

for make, states in [(iter, [-4, 1, 99]), (reversed, [-4, 0, 1, 99])]:
    for state in states:
        it = make([1, 2, 3])
        it.__setstate__(state)
        print(make.__name__, state, it.__length_hint__(), list(it))
try:
    iter([1]).__setstate__(1.5)
except TypeError as e:
    print("TypeError", e)
