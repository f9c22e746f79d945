# _struct: pack/unpack for every code, byte orders, alignment, Struct, iter_unpack and errors.
import _struct as struct
print(struct.calcsize('bi'), struct.calcsize('=bi'), struct.calcsize('ib'), struct.calcsize('bq0i'), struct.calcsize('?hPe'))
print(struct.pack('<bBhHiIlLqQ', -1, 255, -2, 65535, -3, 2**32 - 1, -4, 5, -2**63, 2**64 - 1))
print(struct.pack('>hiq', 1, 2, 3), struct.pack('!H', 258), struct.pack('=i', 7), struct.pack('@bi', 1, 2))
print(struct.pack('<?cs5sp3p', True, b'x', b'abc', b'ab', b'ignored', b'hello'))
print(struct.pack('<efd', 1.5, 2.25, -0.1), struct.unpack('<efd', struct.pack('<efd', 65504.0, 1e-3, 1e300)))
print(struct.unpack('<bBhHiIlLqQ', struct.pack('<bBhHiIlLqQ', -1, 255, -2, 65535, -3, 2**32 - 1, -4, 5, -2**63, 2**64 - 1)))
print(struct.unpack('>3s2p', b'abc\x05xy'), struct.unpack('nN', struct.pack('nN', -5, 5)))
s = struct.Struct('<hh')
print(s.size, s.format, s.pack(1, 2), s.unpack(b'\x01\x00\x02\x00'), s.unpack_from(b'xx\x01\x00\x02\x00', 2))
buf = bytearray(6)
s.pack_into(buf, 2, 3, 4)
struct.pack_into('<b', buf, 0, -1)
print(buf, list(struct.iter_unpack('<h', b'\x01\x00\x02\x00')), struct.unpack_from('<h', b'\x00\x01\x02', offset=1))
for f, v in [('b', 200), ('B', -1), ('h', 40000), ('H', -1), ('i', 2**31), ('I', -1), ('I', 2**32), ('<l', 2**31),
             ('<L', 2**32), ('q', 2**63), ('Q', -1), ('b', 'x'), ('c', 1), ('s', 1), ('d', 'x'), ('<f', 1e300), ('e', 1e10)]:
    try:
        print(f, struct.pack(f, v))
    except Exception as e:
        print(f, type(e).__name__, e)
for f in ['z', '3', '<n', '<P']:
    try:
        struct.calcsize(f)
    except struct.error as e:
        print(f, e)
for bad in [lambda: struct.pack('ii', 1), lambda: struct.unpack('ii', b'1'), lambda: struct.unpack_from('ii', b'1', 2),
            lambda: struct.pack_into('ii', bytearray(3), 0, 1, 2), lambda: struct.iter_unpack('ii', b'1'),
            lambda: struct.iter_unpack('', b'1')]:
    try:
        bad()
    except struct.error as e:
        print(e)
print(struct.error.__module__, struct.error.__name__)
