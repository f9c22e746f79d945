# The set iterator pickles as iter() of a list of the items it has left, fresh, advanced and
# exhausted; pickling does not move it.
import pickle

for thetype in [set, frozenset]:
    data = thetype(range(5))
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        it = iter(data)
        first = sorted(pickle.loads(pickle.dumps(it, proto)))
        drop = next(it)
        copy = pickle.loads(pickle.dumps(it, proto))
        second = sorted(copy), type(copy).__name__
        rest = sorted(it)
        third = list(pickle.loads(pickle.dumps(it, proto)))
    print(thetype.__name__, first, drop in data, second, rest, third)

s = {1, 2}
it = iter(s)
s.add(3)
try:
    it.__reduce__()
except RuntimeError as e:
    print("RuntimeError", e)
