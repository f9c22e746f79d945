# bytearray pickling carries __getstate__(): a subclass's instance dict and slots.
import copy
import pickle


class B(bytearray):
    pass


class C(bytearray):
    __slots__ = ('x', 'y')


a = B(b'ab')
a.x = 1
c = C(b'q')
c.x = 2
print(a.__reduce_ex__(4), a.__reduce__(), a.__reduce_ex__(2))
print(c.__reduce_ex__(2), c.__reduce__())
print(bytearray(b'\x80').__reduce__(), bytearray(b'\x80').__reduce_ex__(4), bytearray().__reduce__())
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    b = pickle.loads(pickle.dumps(a, proto))
    print(type(b).__name__, b, b.x)
    b = pickle.loads(pickle.dumps(c, proto))
    print(type(b).__name__, b, b.x, hasattr(b, 'y'))
print(copy.copy(a).x, copy.deepcopy(c).x)
