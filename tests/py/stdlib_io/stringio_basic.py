# io.StringIO: write/read/seek/tell, readline and iteration, newline modes, errors.
import io

s = io.StringIO()
print(s.write("hello\n"), s.write("world\n"), s.tell())
print(repr(s.getvalue()))
s.seek(0)
print(repr(s.readline()), repr(s.read()), repr(s.read()))
s = io.StringIO("a\nb\nc")
print(list(s))
s = io.StringIO("one\ntwo\nthree\n")
print(s.readlines(), s.tell())
s.seek(4)
print(repr(s.read(3)))
s.truncate(5)
print(repr(s.getvalue()))
print(io.StringIO("a\r\nb\rc\n", newline=None).readlines())
print(io.StringIO("a\r\nb\rc\n", newline="").readlines())
s = io.StringIO(newline=None)
s.write("a\r\nb\rc\n")
print(repr(s.getvalue()), s.newlines)
s = io.StringIO(newline="\r\n")
s.write("a\nb")
print(repr(s.getvalue()))
s = io.StringIO("abcdef")
s.seek(2)
s.write("XY")
print(repr(s.getvalue()), s.tell())
print(io.StringIO().encoding, io.StringIO().errors, io.StringIO().line_buffering)
for f in [lambda: io.StringIO().seek(1, 1), lambda: io.StringIO().seek(-1),
          lambda: io.StringIO().write(b"x"), lambda: io.StringIO().fileno(),
          lambda: io.StringIO().detach()]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
s = io.StringIO()
s.close()
print(s.closed)
try:
    s.read()
except ValueError as e:
    print("ValueError", e)
with io.StringIO("ctx") as s:
    print(s.read())
print(s.closed)
print(isinstance(io.StringIO(), io.TextIOBase), isinstance(io.StringIO(), io.IOBase))
print(io.StringIO.__module__, io.StringIO.__name__)
out = io.StringIO()
print("x", 1, 2.5, sep="|", end="!\n", file=out)
print(repr(out.getvalue()))
