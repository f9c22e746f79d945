# bytes(x): __bytes__ first (None blocks it, a bytes subclass uses bytes.__bytes__), then an
# integer count (a TypeError from __index__ falls back), then the buffer and iterable forms.
import array


def show(f):
    try:
        r = f()
        print(type(r).__name__, repr(r))
    except Exception as e:
        print(type(e).__name__, e)


class IterationBlocked(list):
    __bytes__ = None


class IntBlocked(int):
    __bytes__ = None


class BytesSubclassBlocked(bytes):
    __bytes__ = None


class BufferBlocked(bytearray):
    __bytes__ = None


class StrWithBytes(str):
    def __bytes__(self):
        return b'abc'


class IndexTypeError(bytes):
    def __index__(self):
        raise TypeError


class IndexOther:
    def __index__(self):
        raise KeyError('k')


class Sub(bytes):
    pass


show(lambda: bytes(IterationBlocked([0, 1])))
show(lambda: bytes(IntBlocked(3)))
show(lambda: bytes(BytesSubclassBlocked(b'ab')))
show(lambda: bytes(BufferBlocked(b'ab')))
show(lambda: bytes(StrWithBytes('\u20ac')))
show(lambda: bytes(StrWithBytes('\u20ac'), 'iso8859-15'))
show(lambda: bytes(IndexTypeError(b'foobar')))
show(lambda: bytes(IndexOther()))
show(lambda: Sub(IndexTypeError(b'xy')))
show(lambda: bytes(array.array('B', [1, 2])))
show(lambda: bytes('x'))
show(lambda: bytes('x', errors='strict'))
show(lambda: bytes(b'x', errors='strict'))
show(lambda: bytes(b'x', 'ascii'))
show(lambda: bytes(3))
show(lambda: bytes(-1))
show(lambda: bytes(encoding='ascii'))
show(lambda: bytes(errors='strict'))
