# hmac: new/update/copy/digest, hmac.digest, compare_digest.
import hashlib, hmac
print(hmac.new(b'key', b'msg', 'sha256').hexdigest())
m = hmac.new(b'key', digestmod=hashlib.sha1); m.update(b'a'); m2 = m.copy(); m2.update(b'b')
print(m.hexdigest(), m2.hexdigest(), m.name, m.digest_size, m.block_size)
print(hmac.digest(b'k', b'm', 'md5'), hmac.compare_digest(b'a', b'a'), hmac.compare_digest('a', 'b'))
print(hmac.new(b'k', b'm', hashlib.blake2b).hexdigest()[:20])
print(hashlib.pbkdf2_hmac('sha256', b'pw', b'salt', 100).hex(), hashlib.pbkdf2_hmac('sha1', b'pw', b'salt', 10, 8))
