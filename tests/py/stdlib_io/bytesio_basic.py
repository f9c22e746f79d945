# io.BytesIO: read/write/seek/tell/truncate, readline and iteration, readinto, errors.
import io

b = io.BytesIO(b"line1\nline2\nline3")
print(b.read(3), b.tell())
print(b.readline(), b.readlines())
b.seek(0)
print(list(b))
b = io.BytesIO()
print(b.write(b"abc"), b.write(bytearray(b"def")), b.getvalue())
b.seek(1)
b.write(b"ZZ")
print(b.getvalue(), b.tell())
b.seek(10)
b.write(b"!")
print(b.getvalue())
print(b.seek(-2, 2), b.read())
print(b.truncate(3), b.getvalue(), b.tell())
buf = bytearray(4)
b = io.BytesIO(b"xy")
print(b.readinto(buf), buf)
print(b.readable(), b.writable(), b.seekable())
for f in [lambda: io.BytesIO().seek(0, 3), lambda: io.BytesIO().write("x"),
          lambda: io.BytesIO().seek(-1)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
b.close()
try:
    b.read()
except ValueError as e:
    print("ValueError", e)
with io.BytesIO(b"q") as b:
    print(b.read())
print(b.closed)
print(isinstance(io.BytesIO(), io.BufferedIOBase), io.BytesIO.__module__)
mv = io.BytesIO(b"hello").getbuffer()
print(len(mv), bytes(mv[1:3]), mv[0])
w = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\r\n")
w.write("a\nb\n")
w.flush()
print(w.buffer.getvalue())
r = io.TextIOWrapper(io.BytesIO("x\r\ny\rz\u00e9\n".encode("utf-8")), encoding="utf-8")
print(r.readlines(), r.encoding)
