# hashlib: scrypt and its parameter errors.
import hashlib
print(hashlib.scrypt(b'pw', salt=b'salt', n=16, r=8, p=1).hex()[:32], hashlib.scrypt(b'pw', salt=b's', n=4, r=1, p=1, dklen=8))
for kw in [dict(n=16,r=8,p=1), dict(salt=b's', r=8, p=1), dict(salt=b's', n=15, r=8, p=1), dict(salt=b's', n=16, p=1), dict(salt=b's', n=16, r=8, p=1, dklen=0), dict(salt=b's', n=16, r=8, p=1, maxmem=-1), dict(salt=b's', n=2**20, r=8, p=1, maxmem=1024), dict(salt='s', n=16, r=8, p=1)]:
    try: hashlib.scrypt(b'pw', **kw)
    except Exception as e: print(type(e).__name__, e)
