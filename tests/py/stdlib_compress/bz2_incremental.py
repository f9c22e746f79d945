# bz2.BZ2Decompressor: max_length, eof, unused_data, needs_input across calls.
import bz2
data = bytes(range(256)) * 200
c = bz2.compress(data)
d = bz2.BZ2Decompressor()
print(d.eof, d.unused_data, d.needs_input)
out = d.decompress(c, max_length=100)
print(len(out), d.eof, d.needs_input)
out += d.decompress(b"", 1000)
print(len(out), d.eof, d.needs_input)
out += d.decompress(b"", 0)
print(len(out), d.needs_input)
out += d.decompress(b"")
print(len(out), out == data, d.eof, d.needs_input, d.unused_data)
# Byte by byte, with trailing data after the stream.
d = bz2.BZ2Decompressor()
res = []
stream = c + b"TRAILER"
for i in range(len(stream)):
    if d.eof:
        break
    res.append(d.decompress(stream[i:i + 1]))
print(b"".join(res) == data, d.eof, d.unused_data, d.needs_input)
d = bz2.BZ2Decompressor()
print(d.decompress(c + b"extra") == data, d.unused_data, d.eof)
