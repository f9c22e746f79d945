# zlib: one-shot compress/decompress with levels and wbits, checksums, errors.
import zlib
data = b"hello world " * 1000 + bytes(range(256)) * 10
for level in (-1, 0, 1, 6, 9):
    c = zlib.compress(data, level)
    print(level, len(c), zlib.decompress(c) == data)
for wbits in (9, 15, -15, 31, 25, -9):
    c = zlib.compress(data, wbits=wbits)
    print(wbits, len(c), zlib.decompress(c, wbits=wbits) == data, zlib.decompress(c, wbits=47 if wbits > 0 else wbits) == data if wbits>8 else '')
print(zlib.decompress(zlib.compress(b'')), zlib.compress(b'abc'))
print(zlib.crc32(b'hello'), zlib.crc32(b' world', zlib.crc32(b'hello')), zlib.adler32(b'hello'), zlib.adler32(b'x', 12345), zlib.crc32(b'', -1))
for f in [lambda: zlib.compress(b'x', 10), lambda: zlib.decompress(b'xyz'), lambda: zlib.decompress(zlib.compress(b'hello')[:-3]), lambda: zlib.decompressobj(99), lambda: zlib.compressobj(10), lambda: zlib.compress('s'), lambda: zlib.decompressobj().decompress(b'x', -1)]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
