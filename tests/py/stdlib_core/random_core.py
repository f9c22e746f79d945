# _random.Random: the Mersenne Twister sequence for int seeds, getrandbits, getstate/setstate;
# _sha512 digests.
import _random, _sha512
r = _random.Random(42)
print([r.random() for _ in range(3)])
r.seed(12345678901234567890)
print(r.getrandbits(1), r.getrandbits(32), r.getrandbits(33), r.getrandbits(100), r.getrandbits(0))
r.seed(-7)
a = r.random()
r.seed(7)
print(a == r.random())
r.seed(0)
print(r.random())
st = r.getstate()
x = [r.random() for _ in range(700)]
r.setstate(st)
print(x == [r.random() for _ in range(700)], len(st), st[-1])
r.seed(3.5)
print(r.random())
try:
    r.getrandbits(-1)
except ValueError as e:
    print('ValueError', e)
try:
    r.setstate((1, 2))
except ValueError as e:
    print('ValueError', e)
h = _sha512.sha512(b'abc')
print(h.hexdigest())
h.update(b'x' * 300)
print(h.hexdigest(), h.name, h.digest_size, h.block_size, h.copy().digest() == h.digest())
print(_sha512.sha384(b'').hexdigest())
print(int.from_bytes(b'seed' + _sha512.sha512(b'seed').digest()) % 1000)
