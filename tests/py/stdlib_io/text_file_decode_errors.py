# Decoding errors in text files: what a read after the error sees (the failed chunk is gone, the
# bytes pending before it stay), the error positions of readline, read(n) and read() (which
# decode 8192-byte chunks, larger ones for a large n, and the whole rest), in every newline mode.
import os
import tempfile

path = os.path.join(tempfile.mkdtemp(), "decode_errors.txt")


def write(data):
    with open(path, "wb") as f:
        f.write(data)


def attempt(f, how, n):
    try:
        r = getattr(f, how)(*([n] if n is not None else []))
        return ascii(r[:12]) + "~" + ascii(r[-12:]) + " %d" % len(r)
    except UnicodeDecodeError as e:
        return "%s %s %d-%d" % (e.encoding, e.reason, e.start, e.end)


cases = [
    b"A\nB\r\nC\r" + b"123456789\n" * 1000 + b"\x80",
    b"a" * 8191 + b"\r\xff\nxyz\n",
    b"x\n" + b"a" * 8190 + b"\xffb\nc\n",
    b"ab\r" * 3000 + b"\xff\n",
    b"a" * 8191 + b"\xe2" + b"\x82\xac\xffzz\n",
    b"abc\xe2\x82",
    b"\xff" + b"q\n" * 5000,
]
for data in cases:
    write(data)
    for enc in ("ascii", "utf-8"):
        for nl in (None, "", "\n", "\r", "\r\n"):
            for how, n in (("readline", None), ("read", 3), ("read", 9000), ("read", None),
                           ("readlines", None)):
                with open(path, encoding=enc, newline=nl) as f:
                    out = [attempt(f, how, n) for _ in range(3)]
                    out.append(attempt(f, "readline", None))
                print(enc, ascii(nl), how, n, out)

# Iteration stops at the error and resumes after it.
write(b"A\nB\r\nC\r" + b"123456789\n" * 1000 + b"\x80")
with open(path, encoding="ascii") as f:
    lines = []
    try:
        for line in f:
            lines.append(line)
    except UnicodeDecodeError as e:
        print(len(lines), e)
    print(repr(f.readline()), repr(f.read()), list(f))

# The same text decodes in full with an error handler.
with open(path, encoding="ascii", errors="replace") as f:
    text = f.read()
    print(len(text), ascii(text[-3:]))
os.unlink(path)
os.rmdir(os.path.dirname(path))
