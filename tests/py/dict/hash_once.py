# dict.setdefault() hashes its key and compares it once; a set built from a dict, and set
# operations with a dict, reuse the dict's stored hashes; dict.fromkeys() of an exact dict, set
# or frozenset too.


class Hashed:
    def __init__(self, h=42):
        self.hash_count = 0
        self.eq_count = 0
        self.h = h

    def __hash__(self):
        self.hash_count += 1
        return self.h

    def __eq__(self, other):
        self.eq_count += 1
        return self is other


a = Hashed()
y = {a: 5}
b = Hashed()
print(y.setdefault(b, []), y.setdefault(b, 1))
print(a.hash_count, b.hash_count, a.eq_count + b.eq_count)

keys = [Hashed(i) for i in range(10)]
d = dict.fromkeys(keys)


def count():
    return sum(k.hash_count for k in keys)


print("fromkeys", count())
s = set(d)
print("set", count())
f = frozenset(d)
print("frozenset", count())
s.difference(d)
print("difference", count())
s.symmetric_difference_update(d)
print("symmetric_difference_update", count(), len(s))
s.update(d)
print("update", count(), len(s))
d2 = dict.fromkeys(set(d))
d3 = dict.fromkeys(frozenset(d), 123)
d4 = dict.fromkeys(d, 0)
print("fromkeys of dict/set/frozenset", count(), d3 == dict.fromkeys(d, 123), list(d4) == keys)
