# list() and list.extend ask a class-defined iterable for __length_hint__ first (through the
# descriptor protocol), and its errors propagate.
record = []


class Hint:
    def __init__(self, impl):
        self.impl = impl

    def __get__(self, obj, owner):
        record.append(1)
        return self.impl.__get__(obj, owner)


class It:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration

    __length_hint__ = Hint(lambda self: 0)


print(list(It()), record)


class Bad:
    def __iter__(self):
        return iter([1, 2])

    def __length_hint__(self):
        return -1


try:
    list(Bad())
except ValueError as e:
    print("ValueError", e)


class NoHint:
    def __iter__(self):
        return iter([1, 2])

    def __length_hint__(self):
        raise TypeError("no")


print(list(NoHint()), [*NoHint()])
