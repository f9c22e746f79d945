# random: seeded sequences identical to CPython's.
import random
random.seed(12345)
print(random.random(), random.randint(1, 100), random.randrange(0, 50, 5), random.choice('abcdef'))
print(random.sample(range(100), 5), random.uniform(1, 2), random.getrandbits(40))
l = list(range(10)); random.shuffle(l); print(l)
print(random.choices('abc', weights=[1, 2, 3], k=5), round(random.gauss(0, 1), 10), round(random.expovariate(2), 10))
r = random.Random('seed-string')
print(r.random(), r.randbytes(4))
st = r.getstate(); x = r.random(); r.setstate(st); print(x == r.random())
