# lzma.LZMADecompressor: max_length, eof, unused_data, needs_input, check across calls.
import lzma
data = bytes(range(256)) * 200
c = lzma.compress(data)
d = lzma.LZMADecompressor()
print(d.eof, d.unused_data, d.needs_input, d.check)
out = d.decompress(c, max_length=100)
print(len(out), d.eof, d.needs_input, d.check)
out += d.decompress(b"", 1000)
print(len(out), d.eof, d.needs_input)
out += d.decompress(b"", 0)
print(len(out), d.needs_input)
out += d.decompress(b"")
print(len(out), out == data, d.eof, d.needs_input, d.unused_data)
d = lzma.LZMADecompressor()
res = []
stream = c + b"TRAILER"
for i in range(len(stream)):
    if d.eof:
        break
    res.append(d.decompress(stream[i:i + 1]))
print(b"".join(res) == data, d.eof, d.unused_data, d.needs_input)
d = lzma.LZMADecompressor(lzma.FORMAT_ALONE)
print(d.check, d.decompress(lzma.compress(data, format=lzma.FORMAT_ALONE)) == data, d.eof)
d = lzma.LZMADecompressor(memlimit=1 << 30)
print(d.decompress(c + b"junk") == data, d.unused_data)
# An output limit equal to the data size, or just under it.
for n in (len(data), len(data) - 1):
    d = lzma.LZMADecompressor()
    out = d.decompress(c, n)
    print(len(out), d.eof, d.needs_input)
    if not d.eof:
        print(d.decompress(b""), d.eof)
props = lzma._encode_filter_properties({"id": lzma.FILTER_LZMA1, "lc": 2, "pb": 1, "dict_size": 1 << 16})
print(props, lzma._decode_filter_properties(lzma.FILTER_LZMA1, props))
print(lzma._encode_filter_properties({"id": lzma.FILTER_LZMA2, "preset": 1}))
print(lzma._decode_filter_properties(lzma.FILTER_LZMA2, b"\x10"))
print(lzma._decode_filter_properties(lzma.FILTER_DELTA, b"\x03"))
print(lzma._decode_filter_properties(lzma.FILTER_X86, b"\x00\x01\x00\x00"))
print(lzma._encode_filter_properties({"id": lzma.FILTER_DELTA, "dist": 7}))
