# Which methods of an io.BytesIO or io.StringIO subclass CPython's C classes call from their own
# methods: BytesIO never calls an override (writelines, readlines, iteration, readinto);
# StringIO's readlines() and iteration call an overridden readline(), its constructor and
# __setstate__ do not call an overridden write() or __init__.
import io
class B(io.BytesIO):
    def write(self, b):
        print("write", b); return super().write(b)
    def readline(self, size=-1):
        print("readline"); return super().readline(size)
    def read(self, size=-1):
        print("read", size); return super().read(size)
class S(io.StringIO):
    def write(self, s):
        print("swrite", s); return super().write(s)
    def readline(self, size=-1):
        print("sreadline"); return super().readline(size)
    def __init__(self, *a):
        print("init", a); super().__init__(*a)
b = B(b"a\nb\n"); b.writelines([b"x"]); print(b.readlines()); b.seek(0); print(b.readinto(bytearray(2)))
print(list(B(b"q\nr\n")))
s = S("a\nb\n"); s.writelines(["y"]); s.seek(0); print(s.readlines()); print(list(S("m\nn")))
s.__setstate__(("z", "\n", 0, None)); print(s.getvalue())
