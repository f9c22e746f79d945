# list() and list.extend() of a list or tuple subclass go through its __iter__ (only exact lists
# and tuples are copied directly), and list subclasses refuse keyword arguments unless they
# define their own __new__.


class LyingList(list):
    def __iter__(self):
        yield 1


class LyingTuple(tuple):
    def __iter__(self):
        yield 1


print(list(LyingList([2])), list(LyingTuple((2,))))
a = [0]
a.extend(LyingList([2, 3]))
a += LyingTuple((4, 5))
a[1:1] = LyingList([9, 9])
print(a)
b = LyingList([5, 6])
b.extend(b)
print(list.__len__(b), list.__repr__(b))


class Sub(list):
    pass


for call in [lambda: list(sequence=()), lambda: Sub(sequence=()), lambda: Sub([1], x=1)]:
    try:
        call()
    except TypeError as e:
        print("TypeError", e)


class WithInit(list):
    def __init__(self, seq, newarg=None):
        super().__init__(seq)
        self.newarg = newarg


class WithNew(list):
    def __new__(cls, seq, newarg=None):
        self = super().__new__(cls, seq)
        self.newarg = newarg
        return self


for cls in [WithInit, WithNew]:
    u = cls([1, 2], newarg=3)
    print(type(u).__name__, list(u), u.newarg)
