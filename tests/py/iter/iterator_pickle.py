# The tuple iterator, reversed() and the __getitem__ sequence iterator pickle with their
# position (__reduce__ / __setstate__), fresh, advanced and exhausted.
import pickle


class Seq:
    def __init__(self, items):
        self.items = items

    def __getitem__(self, i):
        return self.items[i]

    def __len__(self):
        return len(self.items)

    def __reduce__(self):
        return (Seq, (self.items,))


for make in [lambda: iter((4, 5, 6, 7)), lambda: reversed((4, 5, 6, 7)),
             lambda: reversed(Seq([4, 5, 6, 7])),
             lambda: iter(Seq([4, 5, 6, 7]))]:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        it = make()
        copy = pickle.loads(pickle.dumps(it, proto))
        assert type(copy) is type(it)
        first = list(copy)
        it = make()
        next(it)
        second = list(pickle.loads(pickle.dumps(it, proto)))
        list(it)
        third = list(pickle.loads(pickle.dumps(it, proto)))
    print(type(it).__name__, first, second, third)

it = iter((1, 2, 3))
it.__setstate__(-4)
print(list(it))
it = iter((1, 2, 3))
it.__setstate__(99)
print(list(it))
r = reversed(Seq([1, 2, 3]))
r.__setstate__(99)
print(list(r))
r = reversed(Seq([1, 2, 3]))
r.__setstate__(-9)
print(list(r))
for bad in [1.5, "1"]:
    try:
        iter((1,)).__setstate__(bad)
    except TypeError as exc:
        print("TypeError:", exc)
print(iter(()).__reduce__()[1:], reversed(Seq([])).__reduce__()[2:], type(reversed(Seq([])).__reduce__()[1][0]).__name__)
