# The six dict iterators (keys, values, items, forward and reversed) pickle as iter() of a list
# of the items they have left, fresh, advanced and exhausted; pickling does not move them.
import pickle

data = {1: "a", 2: "b", 3: "c"}
makers = [lambda d: iter(d), lambda d: iter(d.values()), lambda d: iter(d.items()),
          lambda d: reversed(d), lambda d: reversed(d.values()), lambda d: reversed(d.items())]
for make in makers:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        it = make(data)
        first = list(pickle.loads(pickle.dumps(it, proto)))
        next(it)
        copy = pickle.loads(pickle.dumps(it, proto))
        second = list(copy), type(copy).__name__
        rest = list(it)
        third = list(pickle.loads(pickle.dumps(it, proto)))
    print(type(it).__name__, first, second, rest, third)

it = iter(data)
print(it.__reduce__()[1:])
d = {1: 1, 2: 2}
it = iter(d)
d[3] = 3
try:
    it.__reduce__()
except RuntimeError as e:
    print("RuntimeError", e)
