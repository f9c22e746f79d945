# struct formats with huge repeat counts: sizes that overflow a C index raise struct.error at
# once (no hang, no memory blow-up), and a large count costs nothing until it is packed.
import struct
import sys

for f in ["{}b".format(sys.maxsize + 1), "{}b{}H".format(sys.maxsize // 2, sys.maxsize // 2),
          "{}x".format(sys.maxsize), "{}s".format(sys.maxsize), "{}xb".format(sys.maxsize),
          "99999999999999999999999b", "1000000000b", "@3h2q5s?", "=3h2q5s?", "0b0s3x", "q{}h".format(2 ** 62)]:
    try:
        print(f[:30], struct.calcsize(f))
    except struct.error as e:
        print(f[:30], "error:", e)
s = struct.Struct("100000000b")
print(s.size, s.format[:6])
print(struct.pack("3h2q5s?", 1, 2, 3, 4, 5, b"ab", True))
print(struct.unpack("<3hq", struct.pack("<3hq", 1, -2, 3, 4)))
print(struct.unpack("2x3b2x", b"\0\0\1\2\3\0\0"))
for args in [(1,), (1, 2, 3)]:
    try:
        struct.pack("2h", *args)
    except struct.error as e:
        print("error:", e)
buf = bytearray(10)
struct.pack_into("<2h3s", buf, 2, 7, 8, b"xyz")
print(buf, list(struct.iter_unpack("<2b", b"\1\2\3\4")))
