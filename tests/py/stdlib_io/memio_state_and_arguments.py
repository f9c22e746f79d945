# io.BytesIO and io.StringIO as CPython's C classes behave: pickling and copying (through
# __getstate__ / __setstate__, which also check their argument), the instance dict holding
# only the user's attributes, the conversion and errors of size, position and buffer
# arguments, readinto() into any writable buffer, and readlines(hint).
import array
import copy
import io
import pickle


def attempt(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


class IntLike:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


class MyBytesIO(io.BytesIO):
    def __init__(self, value, tag):
        super().__init__(value)
        self.tag = tag


class MyStringIO(io.StringIO):
    pass


# --- pickling and copying --------------------------------------------------------------------
b = io.BytesIO(b"0123456789")
b.seek(3)
b.foo = 42
s = io.StringIO("one\r\ntwo\n", newline=None)
s.seek(2)
s.bar = [1, 2]
print(sorted(vars(b)), sorted(vars(s)))
for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
    for obj in (b, s):
        c = pickle.loads(pickle.dumps(obj, proto))
        print(proto, type(c).__name__, repr(c.getvalue()), c.tell(), vars(c))
print(repr(io.StringIO("one\r\ntwo\n", newline=None).newlines))
c = pickle.loads(pickle.dumps(s))
print(repr(c.newlines), repr(c.readline()))
sub = MyBytesIO(b"abc", "t")
sub.seek(1)
c = pickle.loads(pickle.dumps(sub, 2))
print(type(c).__name__, c.getvalue(), c.tell(), c.tag)
c = copy.copy(MyStringIO("xyz"))
print(type(c).__name__, c.getvalue())
c = copy.deepcopy(b)
print(c.getvalue(), c.tell(), c.foo)
print(io.BytesIO().__getstate__(), io.StringIO().__getstate__())
closed = io.BytesIO(b"x")
closed.close()
attempt("pickle closed", lambda: pickle.dumps(closed))
attempt("getstate closed", lambda: io.StringIO("a").__getstate__() if False else closed.__getstate__())

# --- __setstate__ checks ---------------------------------------------------------------------
m = io.BytesIO()
for state in [(b"no error", 0, None), (bytearray(b"ba"), 1, None), (b"d", 0, {"spam": 3}),
              (b"", -1, None), ("unicode", 0, None), (b"", 0.0, None), (b"", 0, 0),
              (b"len-test", 0), 0, [b"", 0, None], (b"four", 2, None, "extra")]:
    attempt(f"BytesIO.__setstate__({state!r})",
            lambda: (m.__setstate__(state), m.getvalue(), m.tell())[1:])
print(m.spam)
t = io.StringIO()
for state in [("no error", "\n", 0, None), ("a\r\nb", None, 1, {"spam": 3}), ("", "f", 0, None),
              ("", "", -1, None), (b"", "", 0, None), ("", b"", 0, None), ("", "", 0.0, None),
              ("", "", 0, 0), ("len-test", 0), 0, ("a\nb", "\r", 5, None)]:
    attempt(f"StringIO.__setstate__({state!r})",
            lambda: (t.__setstate__(state), t.getvalue(), t.tell())[1:])
t.write("c")
print(repr(t.getvalue()), t.spam)
t.close()
attempt("setstate closed", lambda: t.__setstate__(("closed", "", 0, None)))

# --- argument conversion and errors ----------------------------------------------------------
for cls, v in ((io.BytesIO, b"ab\ncd\nef\n"), (io.StringIO, "ab\ncd\nef\n")):
    n = cls.__name__
    m = cls(v)
    attempt(f"{n}.read('')", lambda: m.read(""))
    attempt(f"{n}.read(1.5)", lambda: m.read(1.5))
    attempt(f"{n}.read(IntLike(2))", lambda: m.read(IntLike(2)))
    attempt(f"{n}.read(None)", lambda: m.read(None))
    attempt(f"{n}.read(2**70)", lambda: m.read(2 ** 70))
    m.seek(0)
    attempt(f"{n}.readline('')", lambda: m.readline(""))
    attempt(f"{n}.readline(IntLike(1))", lambda: m.readline(IntLike(1)))
    attempt(f"{n}.readline(True)", lambda: m.readline(True))
    attempt(f"{n}.truncate('0')", lambda: m.truncate("0"))
    attempt(f"{n}.truncate(IntLike(-1))", lambda: m.truncate(IntLike(-1)))
    attempt(f"{n}.seek(0.0)", lambda: m.seek(0.0))
    attempt(f"{n}.seek(0, 1.0)", lambda: m.seek(0, 1.0))
    attempt(f"{n}.seek(IntLike(1))", lambda: m.seek(IntLike(1)))
    attempt(f"{n}.seek(2**70)", lambda: m.seek(2 ** 70))
    attempt(f"{n}.seek(0, 3)", lambda: m.seek(0, 3))
    attempt(f"{n}.seek(-1)", lambda: m.seek(-1))
    attempt(f"{n}.write(1)", lambda: m.write(1))
    attempt(f"{n}.writelines([1])", lambda: m.writelines([1]))
    attempt(f"{n}([])", lambda: cls([]))
    m = cls(v)
    attempt(f"{n}.readlines(4)", lambda: m.readlines(4))
    attempt(f"{n}.readlines(IntLike(1))", lambda: m.readlines(IntLike(1)))
    attempt(f"{n}.readlines(None)", lambda: m.readlines(None))
    attempt(f"{n}.readlines('')", lambda: m.readlines(""))
    m.seek(0)
    attempt(f"{n}.readlines(0)", lambda: m.readlines(0))

# --- bytes-like arguments of BytesIO ---------------------------------------------------------
print(io.BytesIO(array.array("i", [1, 2])).getvalue() == array.array("i", [1, 2]).tobytes())
m = io.BytesIO()
print(m.write(array.array("h", [1, 2, 3])), m.write(memoryview(b"xyz")[1:]), m.write(bytearray(b"!")))
print(len(m.getvalue()), m.getvalue()[-3:])
m = io.BytesIO(b"1234567890")
a = array.array("b", b"hello world")
print(m.readinto(a), a.tobytes())
m.seek(0)
h = array.array("h", [0, 0, 0])
print(m.readinto(h), h.tobytes())
attempt("readinto('')", lambda: m.readinto(""))
attempt("readinto(bytes)", lambda: m.readinto(b"abc"))
m.seek(42)
ba = bytearray()
print(m.readinto(ba), ba)
b2 = io.BytesIO.__new__(io.BytesIO)
print(b2.getvalue(), b2.tell(), b2.closed)
