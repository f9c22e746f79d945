# _operator._compare_digest on str (ASCII only), bytes-like objects and mixed types.
import array
import _operator

class MyStr(str): pass
class MyBytes(bytes): pass
cases = [
    ('abc', 'abc'), ('abc', 'abd'), ('abc', 'ab'), ('', ''), ('', 'a'),
    ('caf\xe9', 'caf\xe9'), ('a', '\xe9'), ('\u20ac', 'a'), (MyStr('x'), 'x'),
    (b'abc', b'abc'), (b'abc', b'abd'), (b'', b''), (b'a', b'ab'),
    (b'ab', bytearray(b'ab')), (bytearray(b'ab'), bytearray(b'ac')), (memoryview(b'ab'), b'ab'),
    (b'ab', memoryview(b'ab')), (MyBytes(b'q'), b'q'),
    (array.array('b', [1, 2]), bytes([1, 2])), (array.array('i', [1]), array.array('i', [1])),
    ('a', b'a'), (b'a', 'a'), ('a', bytearray(b'a')), (memoryview(b'a'), 'a'),
    (1, 2), (1, b'a'), (b'a', 1), ('a', 1), (1, 'a'), (None, None), ([1], [1]),
]
for a, b in cases:
    try:
        print(repr(a)[:30], repr(b)[:30], _operator._compare_digest(a, b))
    except Exception as e:
        print(repr(a)[:30], repr(b)[:30], type(e).__name__, e)
for args in ((), (b'a',), (b'a', b'a', b'a')):
    try:
        _operator._compare_digest(*args)
    except TypeError as e:
        print(e)
try:
    _operator._compare_digest(a=b'a', b=b'a')
except TypeError as e:
    print(e)
