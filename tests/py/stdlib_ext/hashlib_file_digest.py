# hashlib: file_digest, usedforsecurity, memoryview inputs, algorithms_available.
import hashlib, io, zlib
print(hashlib.file_digest(io.BytesIO(b'x' * 300000), 'sha256').hexdigest())
print(hashlib.md5(usedforsecurity=False).hexdigest(), hashlib.new('sha1', usedforsecurity=False).name)
print(zlib.crc32(memoryview(b'abc')), zlib.compress(memoryview(b'abc')), hashlib.sha1(memoryview(b'abc')[1:]).hexdigest())
print(sorted(hashlib.algorithms_available & {'md5', 'sha1', 'sha256', 'sha3_256', 'blake2b', 'shake_128'}))
