# zlib: Compress/Decompress objects (flush modes, copy, max_length, unconsumed_tail, unused_data, eof, zdict) and gzip on top.
import zlib
data = b"hello world " * 1000 + bytes(range(256)) * 10
co = zlib.compressobj(9, zlib.DEFLATED, -12, 9, zlib.Z_FILTERED)
parts = [co.compress(data[i:i+1000]) for i in range(0, len(data), 1000)]
cc = co.copy()
parts.append(co.flush(zlib.Z_SYNC_FLUSH)); parts.append(co.flush())
blob = b''.join(parts)
print(len(blob), cc.flush() == parts[-2] + parts[-1] or 'diff')
do = zlib.decompressobj(-12)
out = b''
chunk = blob
while chunk:
    out += do.decompress(chunk, 500)
    chunk = do.unconsumed_tail
out += do.flush()
print(out == data, do.eof, do.unused_data)
d = zlib.decompressobj()
r = d.decompress(zlib.compress(b'payload') + b'EXTRA')
print(r, d.eof, d.unused_data, d.unconsumed_tail)
d2 = zlib.decompressobj(); half = zlib.compress(b'abcdef'*50)
a = d2.decompress(half[:10]); d3 = d2.copy(); b = d2.decompress(half[10:]); print(len(a)+len(b), d2.eof, d3.eof, len(d3.decompress(half[10:])))
zd = b'common words dictionary'
c = zlib.compressobj(zdict=zd); blob = c.compress(b'common words here') + c.flush()
print(zlib.decompressobj(zdict=zd).decompress(blob))
try: zlib.decompressobj().decompress(blob)
except zlib.error as e: print('error', e)
for f in [lambda: zlib.compress(b'x', 10), lambda: zlib.decompress(b'xyz'), lambda: zlib.decompress(zlib.compress(b'hello')[:-3]), lambda: zlib.decompressobj(99), lambda: zlib.compressobj(10), lambda: zlib.compress('s'), lambda: zlib.decompressobj().decompress(b'x', -1)]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
c=zlib.compressobj(); c.compress(b'a'); print(c.flush())
try: print(c.compress(b'b'))
except Exception as e: print(type(e).__name__, e)
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.Z_BEST_COMPRESSION, zlib.ZLIB_VERSION == zlib.ZLIB_RUNTIME_VERSION, type(zlib.compressobj()).__name__, zlib.error.__module__)
import gzip, io
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode='wb', mtime=0) as g: g.write(data)
print(len(buf.getvalue()), gzip.decompress(buf.getvalue()) == data)
print(gzip.decompress(gzip.compress(b'xyz', mtime=0)))
