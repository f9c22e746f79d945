# FileIO.read() / read(-1) / read(None) / readall() read to the end of the file, past one
# buffer's worth; read(n) returns up to n bytes at once.
import io, os, tempfile
fd, p = tempfile.mkstemp()
os.close(fd)
data = bytes(range(256)) * 300
with open(p, "wb") as f:
    f.write(data)
with io.FileIO(p, "rb") as f:
    print(len(f.read()) == len(data), f.read())
with io.FileIO(p, "rb") as f:
    print(len(f.read(5)), len(f.readall()), len(f.read(-1)), len(f.read(None)))
with io.FileIO(p, "rb") as f:
    print(len(f.read(50000)), len(f.read(100000)), len(f.read(10)))
with io.FileIO(p, "rb") as f:
    f.seek(70000)
    print(f.readall() == data[70000:])
r, w = os.pipe()
os.write(w, b"x" * 20000)
os.close(w)
with io.FileIO(r, "rb") as f:
    print(len(f.read()))
os.unlink(p)
