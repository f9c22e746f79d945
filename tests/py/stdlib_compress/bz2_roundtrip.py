# bz2: one-shot and incremental compression at several levels, multi-stream data.
import bz2
data = b"hello world " * 2000 + bytes(range(256)) * 20
for level in (1, 5, 9):
    c = bz2.compress(data, level)
    print(level, len(c), c[:4], bz2.decompress(c) == data)
comp = bz2.BZ2Compressor(3)
parts = [comp.compress(data[i:i + 1000]) for i in range(0, len(data), 1000)]
parts.append(comp.flush())
whole = b"".join(parts)
print(len(whole), bz2.decompress(whole) == data)
print(bz2.decompress(bz2.compress(b"")), bz2.compress(b"") == bz2.compress(b"", 9))
# Two streams concatenated decompress to the concatenation.
print(bz2.decompress(bz2.compress(b"abc") + bz2.compress(b"def")))
print(bz2.decompress(b""))
print(bz2.decompress(bytearray(bz2.compress(b"xyz"))), bz2.decompress(memoryview(bz2.compress(b"mv"))))
