# memoryview over bytes/bytearray: indexing, slicing, cast, tolist, item assignment, release.
b = bytes(range(16))
m = memoryview(b)
print(len(m), m[0], m[-1], m[2:5].tobytes(), m.readonly, m.format, m.itemsize, m.nbytes, m.shape)
c = m.cast("I")
print(len(c), c.itemsize, c.format, c.tolist() == [int.from_bytes(b[i:i+4], "little") for i in range(0, 16, 4)], c.shape)
print(m.cast("c")[1], m.cast("b").tolist()[:3], list(m[:3]))
ba = bytearray(b"hello")
mv = memoryview(ba)
mv[0] = 72
mv[1:3] = b"EL"
print(ba, mv.readonly, mv == b"HELlo", bytes(mv))
for bad in [lambda: m.cast("I").cast("H"), lambda: memoryview(b"abc").cast("I"), lambda: memoryview("x"),
            lambda: m.__setitem__(0, 1), lambda: mv.__setitem__(0, 256)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
with memoryview(b"ab") as v:
    print(v.tobytes(), v.hex())
try:
    v[0]
except ValueError as e:
    print("ValueError", e)
print(hash(memoryview(b"ab")) == hash(b"ab"))
