# A set's __reduce__ carries __getstate__()'s state, as CPython 3.11: None, the instance dict,
# or (dict, slot values) for subclasses with __slots__; pickling keeps the slot values.
import pickle


class S(set):
    __slots__ = ("x", "y", "__dict__")


class F(frozenset):
    __slots__ = ("x", "y", "__dict__")


class T(set):
    pass


class G(set):
    def __getstate__(self):
        return {"g": 1}


print(set([1, 2]).__reduce__(), frozenset([1]).__reduce__())
for cls in [S, F]:
    s = cls([1])
    print(s.__reduce__()[1:])
    s.x = 5
    print(s.__reduce__()[1:])
    s.z = 3
    print(s.__reduce__()[1:])
    for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
        c = pickle.loads(pickle.dumps(s, proto))
        assert type(c) is cls and c == s and c.x == 5 and c.z == 3 and not hasattr(c, "y")
t = T([3])
print(t.__reduce__()[1:])
t.a = 1
print(t.__reduce__()[1:])
print(G([1]).__reduce__()[1:], pickle.loads(pickle.dumps(G([1]))).g)
