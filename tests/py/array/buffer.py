# array.array as a buffer: bytes(), bytearray(), memoryview, struct, bytes methods, re.
import array
import re
import struct

a = array.array('h', [1, 2, 258])
print(bytes(a), bytearray(a), b'x' + a, bytearray(b'y') + a)
print(bytearray(b'\x01\x00') == array.array('h', [1]), b'\x01\x00' == array.array('h', [1]))
m = memoryview(a)
print(m.format, m.itemsize, m.nbytes, len(m), m.tolist(), m.tobytes(), m[2], m.readonly)
print(memoryview(array.array('d', [1.5, 2.5])).tolist(), memoryview(array.array('f', [0.5])).format)
print(memoryview(array.array('Q', [2**64 - 1])).tolist(), memoryview(array.array('u', 'a')).format)
print(m.cast('B').tolist())
mb = memoryview(array.array('B', [1, 2, 3]))
mb[0] = 9
mb[1:3] = b'\x07\x08'
print(mb.obj)
print(m.tobytes())
print(struct.unpack('<hh', array.array('h', [5, 6])), struct.unpack_from('<h', a, 2))
print(struct.unpack('<i', memoryview(b'\x01\x00\x00\x00')))
print(bytes(array.array('u', 'ab')))
ba = bytearray(b'ab')
ba.extend(array.array('b', [67]))
print(ba, b'-'.join([array.array('B', [65]), b'B']))
print(re.match(b'a+', array.array('B', b'aab')), re.compile(b'').match(array.array('d')).groups())
print(b'abc'.startswith(array.array('B', b'ab')))
