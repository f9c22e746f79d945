# Bytes-like arguments of the extension modules: bytes, bytearray and memoryview are accepted
# alike; other types get the module's TypeError.
import binascii, codecs, hashlib, zlib

for data in (b"hi\x00", bytearray(b"hi\x00"), memoryview(b"hi\x00")):
    print(binascii.hexlify(data), binascii.crc32(data), codecs.escape_encode(bytes(data)),
          codecs.latin_1_decode(data), hashlib.sha1(data).hexdigest(), zlib.crc32(data),
          zlib.decompress(zlib.compress(data)))
for f in (binascii.hexlify, lambda v: codecs.latin_1_decode(v), hashlib.md5, zlib.compress, zlib.crc32):
    for bad in ("str", 5):
        try:
            f(bad)
        except TypeError as e:
            print(e)
