# lzma: round trips in every format, presets and checks, multi-stream data.
import lzma
data = b"hello world " * 2000 + bytes(range(256)) * 20
for preset in (0, 1, 6, 9 | lzma.PRESET_EXTREME):
    c = lzma.compress(data, preset=preset)
    print(preset, c[:6], lzma.decompress(c) == data)
for check in (lzma.CHECK_NONE, lzma.CHECK_CRC32, lzma.CHECK_CRC64, lzma.CHECK_SHA256):
    c = lzma.compress(data, check=check)
    d = lzma.LZMADecompressor()
    print(check, d.check, d.decompress(c) == data, d.check, lzma.is_check_supported(check))
c = lzma.compress(data, format=lzma.FORMAT_ALONE)
print(c[:5], lzma.decompress(c) == data, lzma.decompress(c, format=lzma.FORMAT_ALONE) == data)
filters = [{"id": lzma.FILTER_DELTA, "dist": 4}, {"id": lzma.FILTER_LZMA2, "preset": 3, "lc": 2}]
c = lzma.compress(data, format=lzma.FORMAT_RAW, filters=filters)
print(lzma.decompress(c, format=lzma.FORMAT_RAW, filters=filters) == data)
for f in (lzma.FILTER_X86, lzma.FILTER_ARM, lzma.FILTER_SPARC, lzma.FILTER_POWERPC, lzma.FILTER_IA64, lzma.FILTER_ARMTHUMB):
    chain = [{"id": f}, {"id": lzma.FILTER_LZMA2, "mode": lzma.MODE_FAST, "mf": lzma.MF_HC4, "nice_len": 32, "depth": 0}]
    c = lzma.compress(data, filters=chain)
    print(f, lzma.decompress(c) == data)
print(lzma.decompress(lzma.compress(b"abc") + lzma.compress(b"def")))
print(lzma.decompress(lzma.compress(b"abc") + b"\0" * 8 + lzma.compress(b"def")))
print(lzma.decompress(lzma.compress(b"")))
print(len(lzma.compress(b"")), lzma.compress(b"abc", format=lzma.FORMAT_ALONE))
comp = lzma.LZMACompressor(preset=1)
parts = [comp.compress(data[i:i + 3000]) for i in range(0, len(data), 3000)] + [comp.flush()]
print(lzma.decompress(b"".join(parts)) == data)
print(sorted(k for k in dir(lzma) if k.isupper()))
print([getattr(lzma, k) for k in sorted(dir(lzma)) if k.isupper()])
