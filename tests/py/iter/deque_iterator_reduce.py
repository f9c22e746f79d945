# collections.deque iterators pickle and copy as in CPython 3.11: (type, (deque, index)).
import collections
import copy
import pickle

d = collections.deque("abcde")
for make in (iter, reversed):
    for n in (0, 1, 3, 5, 7):
        it = make(d)
        for _ in range(n):
            next(it, None)
        t, (dq, index) = it.__reduce__()
        print(t.__name__, dq, index)
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            print(" ", proto, list(pickle.loads(pickle.dumps(it, proto))))
        print("  copy", list(copy.copy(it)), list(copy.deepcopy(it)))

# The constructors skip [index] items.
T = type(iter(d))
R = type(reversed(d))
print(list(T(d)), list(T(d, 2)), list(T(d, 99)))
print(list(R(d)), list(R(d, 2)), list(R(d, 99)))
for bad in ([1, 2], None):
    try:
        T(bad)
    except TypeError as e:
        print("TypeError", e)
