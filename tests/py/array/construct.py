# array.array construction: every typecode, item sizes, initializers and constructor errors.
import array

print(array.typecodes, array.ArrayType is array.array, array.array.__name__, array.array.__module__)
for tc in array.typecodes:
    a = array.array(tc)
    print(tc, a.typecode, a.itemsize, len(a), repr(a))

print(array.array('b', [1, -2, 3]))
print(array.array('B', (0, 255)))
print(array.array('h', range(3)))
print(array.array('H', iter([1, 2])))
print(array.array('i', b'\x01\x00\x00\x00\x02\x00\x00\x00'))
print(array.array('I', bytearray(b'\xff\xff\xff\xff')))
print(array.array('l', [-(1 << 63), (1 << 63) - 1]))
print(array.array('L', [(1 << 64) - 1]))
print(array.array('q', [-5]), array.array('Q', [1 << 63]))
print(array.array('f', [1.5, 2, 0.1]), array.array('d', [1e300, -0.0, float('inf')]))
print(array.array('u', 'h\xe9\u20ac\U0001f600'))
print(array.array('d', array.array('i', [1, 2])))
print(array.array('i', array.array('i', [3, 4])))
print(array.array('b', (x for x in range(4))))

class Index:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v

print(array.array('i', [Index(7)]), array.array('d', [Index(2)]))


def err(f, *args, **kw):
    try:
        f(*args, **kw)
        print('no error')
    except Exception as e:
        print(type(e).__name__, e)

err(array.array)
err(array.array, 'b', spam=1)
err(array.array, 'xx')
err(array.array, 'x')
err(array.array, 1)
err(array.array, 'b', None)
err(array.array, 'b', 10)
err(array.array, 'b', 'abc')
err(array.array, 'i', array.array('u', 'x'))
err(array.array, 'h', b'abc')
err(array.array, 'b', [1.5])
err(array.array, 'u', [1])
err(array.array, 'u', ['ab'])
err(array.array, 'b', array.array('d', [1.0]))


class Sub(array.array):
    def __init__(self, typecode, data=None, extra=None):
        self.extra = extra

s = Sub('h', [1, 2], extra='x')
print(type(s).__name__, s, s.extra, isinstance(s, array.array))
import collections.abc
print(isinstance(s, collections.abc.MutableSequence))
