# array.array pickling: __reduce_ex__ for each protocol, _array_reconstructor and its errors,
# iterator pickling, subclasses with attributes.
import array
import pickle
from array import _array_reconstructor as recon


def err(f, *args):
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__, e)

for tc in array.typecodes:
    a = array.array(tc, 'ab' if tc == 'u' else [1, 2])
    print(tc, a.__reduce_ex__(2)[1], a.__reduce_ex__(4)[1][1:])
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        b = pickle.loads(pickle.dumps(a, proto))
        assert a == b and b is not a and type(b) is array.array, (tc, proto)


class Sub(array.array):
    pass

s = Sub('i', [1, 2])
s.x = 10
print(s.__reduce_ex__(2), s.__reduce_ex__(3)[1][1:], s.__reduce_ex__(3)[2])
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    t = pickle.loads(pickle.dumps(s, proto))
    print(type(t).__name__, t, t.x)

it = iter(array.array('b', [1, 2, 3]))
next(it)
print(it.__reduce__())
it2, arr = pickle.loads(pickle.dumps((it, array.array('b', [5])), 2))
print(list(it2))
print(recon(array.array, 'i', 0, b'\x01\x02'))
print(recon(array.array, 'l', 8, b'\xff\xff\xff\xff'))
print(recon(array.array, 'h', 5, b'\x01\x00'))
print(recon(array.array, 'L', 11, b'\x00' * 7 + b'\x01'))
print(recon(array.array, 'd', 15, b'\x3f\x80\x00\x00'))
print(recon(array.array, 'f', 17, b'\x3f\xf0' + b'\x00' * 6))
print(recon(array.array, 'u', 18, 'ab'.encode('utf-16-le')))
print(recon(array.array, 'u', 21, 'ab'.encode('utf-32-be')))
err(recon, '', 'b', 0, b'')
err(recon, str, 'b', 0, b'')
err(recon, array.array, 'b', '', b'')
err(recon, array.array, 'b', 0, '')
err(recon, array.array, '?', 0, b'')
err(recon, array.array, 'b', -1, b'')
err(recon, array.array, 'b', 22, b'')
err(recon, array.array, 'd', 16, b'a')
err(array.array('b').__reduce_ex__, 'x')
