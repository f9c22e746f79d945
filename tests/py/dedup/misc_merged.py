# Behaviour kept by merged helpers: dict iterators (forward and reverse), set in-place
# operators, bytes/bytearray dunders, three-way comparisons and struct buffer offsets.
import struct

d = {1: 2, 3: 4}
for it in (iter(d), reversed(d), iter(d.items()), reversed(d.values())):
    print(next(it))
    d[5] = 6
    try:
        next(it)
    except RuntimeError as e:
        print(e)
    del d[5]
d = {1: 2}
it = iter(d)
del d[1]
d[7] = 8
try:
    next(it)
except RuntimeError as e:
    print(e)

s = {1, 2, 3}
s |= {4}; s &= {1, 2, 4, 9}; s -= {1}; s ^= {2, 7}
print(sorted(s))
f = frozenset([1])
f |= {2}
print(sorted(f), type(f).__name__)
for op in ("__ior__", "__iand__", "__isub__", "__ixor__"):
    print(op, getattr(set(), op)([1]))
try:
    s |= [1]
except TypeError as e:
    print(e)

for t in (bytes, bytearray):
    a = t(b"abc")
    print(t.__name__, a == b"abc", a < b"abd", a >= bytearray(b"ab"), a != b"abc", a + b"d", a * 2, b"b" in a,
          a % (), list(iter(a)), a.__eq__("abc"))
print(sorted(k for k in ("__len__", "__hash__", "__getnewargs__", "__mod__") if k in bytes.__dict__))
print(sorted(k for k in ("__len__", "__hash__", "__getnewargs__", "__mod__") if k in bytearray.__dict__))
print("a" < "b", "b" <= "a", "é" > "e", "abc" >= "abc", 1.5 < 2, 2.0 >= 3, float("nan") <= 10**30,
      10**30 > 1e29, 1e300 < 10**400)

buf = bytearray(8)
struct.pack_into("<h", buf, -2, 513)
struct.pack_into("<h", buf, 1, 258)
print(buf, struct.unpack_from("<h", buf, -2), struct.unpack_from("<h", buf, 1))
for args in ((buf, -10), (buf, -9), (buf, -8), (buf, -1), (buf, 6), (buf, 7), (buf, 9)):
    try:
        print(struct.unpack_from("<h", *args))
    except struct.error as e:
        print(e)
    try:
        struct.pack_into("<h", *args, 1)
    except struct.error as e:
        print(e)

for t in ("plain", "it's", 'say "hi"', "both ' and \"", "\t\n\r\x00\x1f\x7f\\", "é'"):
    print(repr(t), repr(t.encode("utf-8")), ascii(t))
