# hashlib: hexdigests of the OpenSSL and blake2 constructors, update chaining, copy, errors.
import hashlib
for n in ['md5','sha1','sha224','sha256','sha384','sha512','sha3_224','sha3_256','sha3_512','blake2b','blake2s','sha512_256']:
    h = hashlib.new(n, b'abc'); h.update(b'def')
    c = h.copy(); c.update(b'x')
    print(n, h.hexdigest(), c.hexdigest()[:16], h.digest_size, h.block_size, h.name)
print(hashlib.md5(b'hello').hexdigest(), hashlib.sha256(b'').digest()[:4])
print(hashlib.shake_128(b'x').hexdigest(10), hashlib.shake_256().digest(5))
print(hashlib.blake2b(b'abc', digest_size=20, key=b'k', salt=b's', person=b'p', fanout=2, depth=3, leaf_size=5, node_offset=7, node_depth=1, inner_size=9, last_node=True).hexdigest())
print(hashlib.blake2s(b'abc', digest_size=20, key=b'k', salt=b's', person=b'p', fanout=2, depth=3, leaf_size=5, node_offset=7, node_depth=1, inner_size=9, last_node=True).hexdigest())
print(hashlib.blake2b(b'a'*1000).hexdigest()[:20], hashlib.blake2s(b'a'*128).hexdigest()[:20], hashlib.blake2b(key=b'key').hexdigest()[:20])
print(sorted(hashlib.algorithms_guaranteed))
print(hashlib.sha256(bytearray(b'abc')).hexdigest() == hashlib.sha256(memoryview(b'abc')).hexdigest())
for f in [lambda: hashlib.sha256('x'), lambda: hashlib.new('nope'), lambda: hashlib.md5(5), lambda: hashlib.blake2b(digest_size=99), lambda: hashlib.pbkdf2_hmac('sha1', b'p', b's', 0)]:
    try: f()
    except Exception as e: print(type(e).__name__, e)
