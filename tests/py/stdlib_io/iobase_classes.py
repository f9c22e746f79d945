# The io class hierarchy: ABC registrations, subclassing RawIOBase, UnsupportedOperation.
import io

print(issubclass(io.FileIO, io.RawIOBase), issubclass(io.BufferedReader, io.BufferedIOBase))
print(issubclass(io.TextIOWrapper, io.TextIOBase), issubclass(io.StringIO, io.TextIOBase))
print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
print(io.DEFAULT_BUFFER_SIZE, io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)
print(io.open is open)


class Source(io.RawIOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def readable(self):
        return True

    def readinto(self, b):
        chunk = self.data[self.pos:self.pos + len(b)]
        b[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)


s = Source(b"abc\ndef\n")
print(s.read(2), s.readline(), s.readall())
print(isinstance(s, io.IOBase), s.seekable(), s.closed)
for f in [lambda: s.seek(0), lambda: s.fileno(), lambda: io.IOBase().truncate()]:
    try:
        f()
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation", e)
s.close()
print(s.closed)
import sys
print(isinstance(sys.stdout, io.TextIOWrapper), isinstance(sys.stdout, io.TextIOBase))
print(io.text_encoding(None), io.text_encoding("latin-1"))
