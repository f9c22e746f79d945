# FileIO, BufferedReader/Writer/Random and TextIOWrapper built by hand over raw streams.
import io
import os

name = "_pystm_io_buffered_classes.tmp"
try:
    with io.FileIO(name, "w") as raw:
        print(type(raw).__name__, raw.mode, raw.write(b"hello\nworld\n"), raw.closefd)
    with io.FileIO(name) as raw:
        print(raw.read(3), raw.readall(), raw.mode)
    r = io.BufferedReader(io.FileIO(name), buffer_size=4)
    print(r.peek(1)[:1], r.read(2), r.readline(), r.tell(), r.read())
    r.seek(0)
    print(r.read1(3), list(r))
    r.close()
    print(r.closed, r.raw.closed)
    w = io.BufferedWriter(io.FileIO(name, "w"))
    print(w.write(b"abc"), w.tell())
    w.flush()
    w.close()
    print(open(name, "rb").read())
    rw = io.BufferedRandom(io.FileIO(name, "r+"))
    print(rw.read(1), rw.write(b"Z"), rw.tell())
    rw.seek(0)
    print(rw.read())
    rw.close()
    t = io.TextIOWrapper(io.BufferedReader(io.FileIO(name)), encoding="ascii")
    print(repr(t.read()), t.encoding)
    t.close()
    b = io.BufferedReader(io.BytesIO(b"x\ny\n"))
    print(b.readlines())
    print(isinstance(open(name, "rb"), io.BufferedReader), isinstance(open(name, "wb"), io.BufferedWriter))
    print(isinstance(open(name, "rb", buffering=0), io.FileIO), isinstance(open(name), io.TextIOWrapper))
    for bad in [lambda: io.FileIO(name, "rt"), lambda: io.FileIO(name, "rw"),
                lambda: io.BufferedReader(io.FileIO(name, "w")), lambda: io.BufferedReader(io.BytesIO(), 0)]:
        try:
            bad()
        except (ValueError, OSError) as e:
            print(type(e).__name__, e)
finally:
    os.remove(name)
