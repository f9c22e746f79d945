# pystm's _io module: CPython 3.11's _io API, for io.py (which CPython ships and pystm runs).
#
# open() (builtins.open), the standard streams and the files open() returns are the native
# classes of _pystm_io (src/modules/io_module.cpp, file_*.cpp): FileIO, BufferedReader,
# BufferedWriter, BufferedRandom and the native text wrapper, so print() and file I/O never run
# Python code here. This module adds what is written in Python: the _IOBase hierarchy, BytesIO,
# StringIO, BufferedRWPair, IncrementalNewlineDecoder and a TextIOWrapper that wraps any buffer.
#
# The native text wrapper is registered as a virtual subclass of this module's TextIOWrapper
# (the base classes use ABCMeta, as _pyio's do), so isinstance(open(...), io.TextIOWrapper)
# and io.py's ABC registrations answer as in CPython.

import abc as _abc
import builtins as _builtins
import errno as _errno
import _pystm_io
from _pystm import _atomic_enter, _atomic_exit

DEFAULT_BUFFER_SIZE = _pystm_io.DEFAULT_BUFFER_SIZE
UnsupportedOperation = _pystm_io.UnsupportedOperation
BlockingIOError = _builtins.BlockingIOError
FileIO = _pystm_io.FileIO
open = _builtins.open

_NativeTextIOWrapper = _pystm_io.TextIOWrapper


def open_code(path):
    if not isinstance(path, str):
        raise TypeError("open_code() argument 'path' must be str, not %s" % type(path).__name__)
    return open(path, "rb")


def text_encoding(encoding, stacklevel=2):
    if encoding is None:
        return "locale"
    return encoding


def _closed_error(text="I/O operation on closed file."):
    return ValueError(text)


_SSIZE_MIN = -(1 << 63)
_SSIZE_MAX = (1 << 63) - 1


def _ssize_arg(value, type_error=None, overflow="Python int too large to convert to C ssize_t"):
    # An integer argument (anything with __index__) converted as C's Py_ssize_t: seek()'s
    # position and whence, and through _size_arg the sizes.
    if value.__class__ is not int:
        try:
            index = type(value).__index__
        except AttributeError:
            raise TypeError((type_error or "'%s' object cannot be interpreted as an integer")
                            % type(value).__name__) from None
        value = index(value)
    if not _SSIZE_MIN <= value <= _SSIZE_MAX:
        raise OverflowError(overflow)
    return value


def _size_arg(size):
    # A size argument of read(), readline(), readlines() or truncate(): None (-1) or an integer,
    # with the messages of CPython's converter for optional sizes.
    if size is None:
        return -1
    return _ssize_arg(size, "argument should be integer or None, not '%s'",
                      "cannot fit 'int' into an index-sized integer")


def _truncate_arg(size, pos, negative):
    # truncate()'s size: the position when None, else a size that must not be negative.
    if size is None:
        return pos
    size = _size_arg(size)
    if size < 0:
        raise ValueError(negative % size)
    return size


def _dict_state(stream):
    # The instance dict part of a BytesIO's or StringIO's __getstate__(): a copy, None if empty.
    extra = getattr(stream, "__dict__", None)
    return extra.copy() if extra else None


def _check_dict_state(extra, ordinal):
    if extra is not None and not isinstance(extra, dict):
        raise TypeError(f"{ordinal} item of state should be a dict, got a {type(extra).__name__}")


def _bytes_arg(b):
    # The content of a bytes-like object (any buffer, as raw bytes), or TypeError.
    if b.__class__ is bytes:
        return b
    if isinstance(b, (bytes, bytearray)):
        return bytes(b)
    try:
        view = memoryview(b)
    except TypeError:
        raise TypeError(f"a bytes-like object is required, not '{type(b).__name__}'") from None
    return view.tobytes()


def _writable_bytes(b, name="readinto"):
    # A flat view of bytes of a writable buffer, for readinto(): array.array('i') and
    # multi-dimensional memoryviews are filled byte by byte, as in CPython.
    try:
        view = memoryview(b)
    except TypeError:
        view = None
    if view is None or view.readonly:
        raise TypeError(f"{name}() argument must be read-write bytes-like object, not {type(b).__name__}")
    if view.format != "B" or view.ndim != 1:
        view = view.cast("B")
    return view


class _IOBase(metaclass=_abc.ABCMeta):

    def _unsupported(self, name):
        raise UnsupportedOperation(name)

    def seek(self, pos, whence=0):
        self._unsupported("seek")

    def tell(self):
        return self.seek(0, 1)

    def truncate(self, pos=None):
        self._unsupported("truncate")

    def flush(self):
        self._checkClosed()

    __closed = False

    def close(self):
        if not self.__closed:
            try:
                self.flush()
            finally:
                self.__closed = True

    @property
    def closed(self):
        return self.__closed

    def seekable(self):
        return False

    def readable(self):
        return False

    def writable(self):
        return False

    def _checkClosed(self, msg=None):
        if self.closed:
            raise _closed_error("I/O operation on closed file." if msg is None else msg)

    def _checkSeekable(self, msg=None):
        if not self.seekable():
            raise UnsupportedOperation("File or stream is not seekable." if msg is None else msg)

    def _checkReadable(self, msg=None):
        if not self.readable():
            raise UnsupportedOperation("File or stream is not readable." if msg is None else msg)

    def _checkWritable(self, msg=None):
        if not self.writable():
            raise UnsupportedOperation("File or stream is not writable." if msg is None else msg)

    def __enter__(self):
        self._checkClosed()
        return self

    def __exit__(self, *args):
        self.close()

    def fileno(self):
        self._unsupported("fileno")

    def isatty(self):
        self._checkClosed()
        return False

    def readline(self, size=-1):
        if size is None:
            size = -1
        res = bytearray()
        while size < 0 or len(res) < size:
            b = self.read(1)
            if not b:
                break
            res += b
            if res.endswith(b"\n"):
                break
        return bytes(res)

    def __iter__(self):
        self._checkClosed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=None):
        if hint is None or hint <= 0:
            return list(self)
        n = 0
        lines = []
        for line in self:
            lines.append(line)
            n += len(line)
            if n >= hint:
                break
        return lines

    def writelines(self, lines):
        self._checkClosed()
        for line in lines:
            self.write(line)

    def __del__(self):
        try:
            closed = self.closed
        except AttributeError:
            return
        if not closed:
            try:
                self.close()
            except Exception:
                pass


class _RawIOBase(_IOBase):

    def read(self, size=-1):
        if size is None:
            size = -1
        if size < 0:
            return self.readall()
        b = bytearray(size.__index__())
        n = self.readinto(b)
        if n is None:
            return None
        del b[n:]
        return bytes(b)

    def readall(self):
        res = bytearray()
        while True:
            data = self.read(DEFAULT_BUFFER_SIZE)
            if not data:
                break
            res += data
        if res:
            return bytes(res)
        return data

    def readinto(self, b):
        raise NotImplementedError

    def write(self, b):
        raise NotImplementedError


class _BufferedIOBase(_IOBase):

    def read(self, size=-1):
        self._unsupported("read")

    def read1(self, size=-1):
        self._unsupported("read1")

    def readinto(self, b):
        return self._readinto(b, False)

    def readinto1(self, b):
        return self._readinto(b, True)

    def _readinto(self, b, read1):
        view = _writable_bytes(b, "readinto1" if read1 else "readinto")
        data = self.read1(len(view)) if read1 else self.read(len(view))
        n = len(data)
        view[:n] = data
        return n

    def write(self, b):
        self._unsupported("write")

    def detach(self):
        self._unsupported("detach")


class _TextIOBase(_IOBase):

    def read(self, size=-1):
        self._unsupported("read")

    def write(self, s):
        self._unsupported("write")

    def truncate(self, pos=None):
        self._unsupported("truncate")

    def readline(self, size=-1):
        self._unsupported("readline")

    def detach(self):
        self._unsupported("detach")

    @property
    def encoding(self):
        return None

    @property
    def newlines(self):
        return None

    @property
    def errors(self):
        return None


# BytesIO and StringIO: CPython's are C code, whose methods run whole under its GIL, so two threads
# writing to one stream (a logging handler's, a test's redirected sys.stderr) lose nothing and a
# reader never sees half a write. Here each method that reads or changes the content is an atomic
# block (TX-3): the thread's transaction does not end inside it, in parallel or serial mode.


class BytesIO(_BufferedIOBase):
    # The content is an immutable bytes object plus the chunks written at its end since
    # (joined on the next read), so appends and reads cost what they cost in CPython. After
    # getbuffer() the content moves into a bytearray that the returned views share. The state
    # lives in slots, so that the instance __dict__ holds only the user's attributes (pickled
    # with the content, as CPython's __getstate__ does).

    __slots__ = ("_data", "_pending", "_len", "_shared", "_pos", "_closed")

    def __new__(cls, *args, **kwargs):
        self = super().__new__(cls)
        self._reset(b"")
        return self

    def __init__(self, initial_bytes=None):
        self._reset(b"" if initial_bytes is None else _bytes_arg(initial_bytes))

    def _reset(self, data):
        self._data = data
        self._pending = []
        self._len = len(data)
        self._shared = None  # the bytearray behind getbuffer() views
        self._pos = 0
        self._closed = False

    def __getstate__(self):
        _atomic_enter()
        try:
            self._check()
            return (self._value(), self._pos, _dict_state(self))
        finally:
            _atomic_exit()

    def __setstate__(self, state):
        if not isinstance(state, tuple) or len(state) < 3:
            raise TypeError(f"_io.BytesIO.__setstate__ argument should be 3-tuple, got {type(state).__name__}")
        _atomic_enter()
        try:
            self._check()
            data, pos, extra = state[0], state[1], state[2]
            data = _bytes_arg(data)
            if not isinstance(pos, int):
                raise TypeError(f"second item of state must be an integer, not {type(pos).__name__}")
            pos = _ssize_arg(pos)
            if pos < 0:
                raise ValueError("position value cannot be negative")
            _check_dict_state(extra, "third")
            self._reset(data)
            self._pos = pos
            if extra:
                self.__dict__.update(extra)
        finally:
            _atomic_exit()

    def _check(self):
        if self._closed:
            raise _closed_error()

    def _value(self):
        if self._shared is not None:
            return bytes(self._shared)
        if self._pending:
            self._data += b"".join(self._pending)
            self._pending = []
        return self._data

    @property
    def closed(self):
        return self._closed

    def close(self):
        _atomic_enter()
        try:
            self._closed = True
            self._data = b""
            self._pending = []
        finally:
            _atomic_exit()

    def flush(self):
        self._check()

    def getvalue(self):
        _atomic_enter()
        try:
            self._check()
            return self._value()
        finally:
            _atomic_exit()

    def getbuffer(self):
        _atomic_enter()
        try:
            self._check()
            if self._shared is None:
                self._shared = bytearray(self._value())
                self._data = b""
            return memoryview(self._shared)
        finally:
            _atomic_exit()

    def read(self, size=-1):
        _atomic_enter()
        try:
            self._check()
            size = _size_arg(size)
            pos = self._pos
            if pos >= self._len:
                return b""
            end = self._len if size < 0 else min(self._len, pos + size)
            self._pos = end
            return self._value()[pos:end]
        finally:
            _atomic_exit()

    def read1(self, size=-1):
        return self.read(size)

    def readline(self, size=-1):
        _atomic_enter()
        try:
            self._check()
            size = _size_arg(size)
            pos = self._pos
            if pos >= self._len:
                return b""
            data = self._value()
            end = data.find(b"\n", pos)
            end = len(data) if end < 0 else end + 1
            if size >= 0:
                end = min(end, pos + size)
            self._pos = end
            return data[pos:end]
        finally:
            _atomic_exit()

    def readlines(self, hint=None):
        _atomic_enter()
        try:
            self._check()
            if hint is not None and not isinstance(hint, int):
                raise TypeError(f"integer argument expected, got '{type(hint).__name__}'")
            return _readlines(self, BytesIO.readline, hint)
        finally:
            _atomic_exit()

    def readinto(self, b):
        view = _writable_bytes(b)
        _atomic_enter()
        try:
            self._check()
            data = BytesIO.read(self, len(view))
            n = len(data)
            view[:n] = data
            return n
        finally:
            _atomic_exit()

    def write(self, b):
        _atomic_enter()
        try:
            self._check()
            if isinstance(b, str):
                raise TypeError("a bytes-like object is required, not 'str'")
            data = _bytes_arg(b)
            n = len(data)
            if n == 0:
                return 0
            pos = self._pos
            if self._shared is not None:
                buf = self._shared
                if pos > len(buf):
                    buf += b"\x00" * (pos - len(buf))
                buf[pos:pos + n] = data
                self._len = len(buf)
            elif pos == self._len:
                self._pending.append(data)
                self._len += n
            else:
                cur = self._value()
                if pos > len(cur):
                    cur += b"\x00" * (pos - len(cur))
                self._data = cur[:pos] + data + cur[pos + n:]
                self._len = len(self._data)
            self._pos = pos + n
            return n
        finally:
            _atomic_exit()

    def writelines(self, lines):
        # Not one atomic block: the iterable is the caller's and may run any code, and each
        # write is one already.
        self._check()
        for line in lines:
            BytesIO.write(self, line)

    def seek(self, pos, whence=0):
        _atomic_enter()
        try:
            self._check()
            pos = _ssize_arg(pos)
            whence = _ssize_arg(whence)
            if whence == 0:
                if pos < 0:
                    raise ValueError("negative seek value %d" % pos)
            elif whence == 1:
                pos = max(0, self._pos + pos)
            elif whence == 2:
                pos = max(0, self._len + pos)
            else:
                raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
            self._pos = pos
            return pos
        finally:
            _atomic_exit()

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        _atomic_enter()
        try:
            self._check()
            size = _truncate_arg(size, self._pos, "negative size value %d")
            if size < self._len:
                if self._shared is not None:
                    del self._shared[size:]
                else:
                    self._data = self._value()[:size]
                self._len = size
            return size
        finally:
            _atomic_exit()

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = BytesIO.readline(self)  # CPython's iterator calls no override of readline()
        if not line:
            raise StopIteration
        return line


def _readlines(stream, readline, hint):
    # readlines(hint) of BytesIO and StringIO: lines until their total length reaches hint
    # (all of them when hint is None or not positive). [readline] is the class's own, not an
    # override of a subclass: CPython's C method calls no Python code, and inside the atomic
    # block an override that waited for a lock would raise instead.
    lines = []
    total = 0
    while True:
        line = readline(stream)
        if not line:
            return lines
        lines.append(line)
        total += len(line)
        if hint is not None and 0 < hint <= total:
            return lines


def _split_universal(text, keepends=True):
    # Lines ending in '\n', '\r' or '\r\n' (text's own, untranslated).
    out = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c == "\n":
            out.append(text[start:i + 1])
            start = i + 1
        elif c == "\r":
            if i + 1 < n and text[i + 1] == "\n":
                i += 1
            out.append(text[start:i + 1])
            start = i + 1
        i += 1
    if start < n:
        out.append(text[start:])
    return out


class StringIO(_TextIOBase):
    # The state lives in slots, as BytesIO's does.

    __slots__ = ("_newline", "_seen", "_text", "_pending", "_len", "_pos", "_closed")

    def __init__(self, initial_value="", newline="\n"):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("newline must be str or None, not %s" % type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s" % type(initial_value).__name__)
        self._newline = newline
        self._seen = 0  # bit 1: '\r', 2: '\n', 4: '\r\n' (newline=None)
        self._text = ""
        self._pending = []  # writes appended at the end, not yet joined into _text
        self._len = 0  # len(_text) + the lengths of _pending
        self._pos = 0
        self._closed = False
        if initial_value:
            StringIO.write(self, initial_value)  # not an override, as in CPython
            self._pos = 0

    def _check(self):
        if self._closed:
            raise _closed_error("I/O operation on closed file")

    def _value(self):
        if self._pending:
            self._text += "".join(self._pending)
            self._pending = []
        return self._text

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    @property
    def line_buffering(self):
        self._check()
        return False

    @property
    def newlines(self):
        self._check()
        if self._newline is not None:
            return None
        kinds = tuple(k for bit, k in ((1, "\r"), (2, "\n"), (4, "\r\n")) if self._seen & bit)
        if not kinds:
            return None
        return kinds[0] if len(kinds) == 1 else kinds

    def getvalue(self):
        _atomic_enter()
        try:
            self._check()
            return self._value()
        finally:
            _atomic_exit()

    def write(self, s):
        _atomic_enter()
        try:
            self._check()
            if not isinstance(s, str):
                raise TypeError("string argument expected, got '%s'" % type(s).__name__)
            n = len(s)
            nl = self._newline
            if nl is None:
                if "\r" in s:
                    if "\r\n" in s:
                        self._seen |= 4
                    if s.replace("\r\n", "").find("\r") >= 0:
                        self._seen |= 1
                    if s.replace("\r\n", "").find("\n") >= 0:
                        self._seen |= 2
                    s = s.replace("\r\n", "\n").replace("\r", "\n")
                elif "\n" in s:
                    self._seen |= 2
            elif nl not in ("", "\n") and "\n" in s:
                s = s.replace("\n", nl)
            if not s:
                return n
            pos = self._pos
            length = self._len
            if pos == length:
                self._pending.append(s)
                self._len = length + len(s)
            else:
                text = self._value()
                if pos > length:
                    text += "\0" * (pos - length)
                self._text = text = text[:pos] + s + text[pos + len(s):]
                self._len = len(text)
            self._pos = pos + len(s)
            return n
        finally:
            _atomic_exit()

    def read(self, size=-1):
        _atomic_enter()
        try:
            self._check()
            size = _size_arg(size)
            text = self._value()
            pos = self._pos
            end = len(text) if size < 0 else min(len(text), pos + size)
            if pos >= end:
                return ""
            self._pos = end
            return text[pos:end]
        finally:
            _atomic_exit()

    def readline(self, size=-1):
        _atomic_enter()
        try:
            self._check()
            size = _size_arg(size)
            text = self._value()
            pos = self._pos
            if pos >= len(text):
                return ""
            nl = self._newline
            if nl == "":
                i = pos
                n = len(text)
                end = n
                while i < n:
                    c = text[i]
                    if c == "\n":
                        end = i + 1
                        break
                    if c == "\r":
                        end = i + 2 if i + 1 < n and text[i + 1] == "\n" else i + 1
                        break
                    i += 1
            else:
                sep = "\n" if nl is None else nl
                end = text.find(sep, pos)
                end = len(text) if end < 0 else end + len(sep)
            if size >= 0:
                end = min(end, pos + size)
            self._pos = end
            return text[pos:end]
        finally:
            _atomic_exit()

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=None):
        _atomic_enter()
        try:
            self._check()
            hint = None if hint is None else _size_arg(hint)
            if type(self).readline is StringIO.readline:
                return _readlines(self, StringIO.readline, hint)
        finally:
            _atomic_exit()
        # A subclass's readline() is called as CPython calls it, outside the atomic block.
        return _readlines(self, type(self).readline, hint)

    def seek(self, pos, whence=0):
        _atomic_enter()
        try:
            self._check()
            pos = _ssize_arg(pos)
            whence = _ssize_arg(whence)
            if whence not in (0, 1, 2):
                raise ValueError("Invalid whence (%d, should be 0, 1 or 2)" % whence)
            if pos < 0 and whence == 0:
                raise ValueError("Negative seek position %d" % pos)
            if whence != 0 and pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
            if whence == 1:
                pos = self._pos
            elif whence == 2:
                pos = self._len
            self._pos = pos
            return pos
        finally:
            _atomic_exit()

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        _atomic_enter()
        try:
            self._check()
            size = _truncate_arg(size, self._pos, "Negative size value %d")
            text = self._value()
            if size < len(text):
                self._text = text[:size]
                self._len = size
            return size
        finally:
            _atomic_exit()

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def detach(self):
        self._unsupported("detach")

    def __getstate__(self):
        _atomic_enter()
        try:
            self._check()
            return (self._value(), self._newline, self._pos, _dict_state(self))
        finally:
            _atomic_exit()

    def __setstate__(self, state):
        if not isinstance(state, tuple) or len(state) < 4:
            raise TypeError(f"_io.StringIO.__setstate__ argument should be 4-tuple, got {type(state).__name__}")
        _atomic_enter()
        try:
            if getattr(self, "_closed", False):
                raise _closed_error("I/O operation on closed file")
            # As CPython: __init__ checks the value and the newline argument (and resets what
            # newlines reports), then the value is restored as saved, already translated.
            text, newline, pos, extra = state[0], state[1], state[2], state[3]
            StringIO.__init__(self, text, newline)
            if not isinstance(pos, int):
                raise TypeError(f"third item of state must be an integer, got {type(pos).__name__}")
            pos = _ssize_arg(pos)
            if pos < 0:
                raise ValueError("position value cannot be negative")
            _check_dict_state(extra, "fourth")
            self._text = text or ""
            self._pending = []
            self._len = len(self._text)
            self._pos = pos
            if extra:
                self.__dict__.update(extra)
        finally:
            _atomic_exit()


class _BufferedBase(_BufferedIOBase):
    # Buffering over any raw stream (a FileIO, a user's RawIOBase): the classes that
    # io.BufferedReader(raw) and friends construct. open() returns the native classes instead.

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if buffer_size <= 0:
            raise ValueError("buffer size must be strictly positive")
        self._raw = raw
        self.buffer_size = buffer_size
        self._rbuf = b""
        self._wbuf = bytearray()

    @property
    def raw(self):
        return self._raw

    @property
    def name(self):
        return self._raw.name

    @property
    def mode(self):
        return self._raw.mode

    @property
    def closed(self):
        return self._raw.closed

    def _check_raw(self):
        if self._raw is None:
            raise ValueError("raw stream has been detached")

    def fileno(self):
        self._check_raw()
        return self._raw.fileno()

    def isatty(self):
        self._check_raw()
        return self._raw.isatty()

    def seekable(self):
        self._check_raw()
        return self._raw.seekable()

    def readable(self):
        self._check_raw()
        return self._raw.readable()

    def writable(self):
        self._check_raw()
        return self._raw.writable()

    def _flush_writes(self):
        while self._wbuf:
            n = self._raw.write(bytes(self._wbuf))
            if n is None:
                raise BlockingIOError(_errno.EAGAIN, "write could not complete without blocking", 0)
            del self._wbuf[:n]

    def _drop_reads(self):
        # Puts the raw position back where the caller's position is.
        if self._rbuf:
            self._raw.seek(-len(self._rbuf), 1)
            self._rbuf = b""

    def flush(self):
        self._check_raw()
        if self._wbuf:
            if self.closed:
                raise ValueError("flush of closed file")
            self._flush_writes()

    def close(self):
        if self._raw is not None and not self.closed:
            try:
                self.flush()
            finally:
                self._raw.close()

    def detach(self):
        self._check_raw()
        self.flush()
        raw = self._raw
        self._raw = None
        return raw

    def tell(self):
        self._check_raw()
        pos = self._raw.tell() - len(self._rbuf) + len(self._wbuf)
        if pos < 0:
            raise OSError("Raw stream returned invalid position %d" % pos)
        return pos

    def seek(self, pos, whence=0):
        self._check_raw()
        if whence not in (0, 1, 2):
            raise ValueError("whence value %d unsupported" % whence)
        self.flush()
        if whence == 1:
            pos -= len(self._rbuf)
        self._rbuf = b""
        return self._raw.seek(pos, whence)

    def truncate(self, pos=None):
        self._check_raw()
        self.flush()
        if pos is None:
            pos = self.tell()
        self._drop_reads()
        return self._raw.truncate(pos)

    # Reading.

    def _raw_read(self, n):
        return self._raw.read(n)

    def read(self, size=-1):
        self._check_raw()
        if self.closed:
            raise ValueError("read of closed file")
        size = _size_arg(size)
        if size < -1:
            raise ValueError("read length must be non-negative or -1")
        self._flush_writes()
        if size < 0:
            chunks = [self._rbuf]
            self._rbuf = b""
            while True:
                data = self._raw_read(self.buffer_size)
                if data is None:
                    return b"".join(chunks) or None
                if not data:
                    break
                chunks.append(data)
            return b"".join(chunks)
        while len(self._rbuf) < size:
            data = self._raw_read(max(self.buffer_size, size - len(self._rbuf)))
            if not data:
                if data is None and not self._rbuf:
                    return None
                break
            self._rbuf += data
        result, self._rbuf = self._rbuf[:size], self._rbuf[size:]
        return result

    def read1(self, size=-1):
        self._check_raw()
        if size is None:
            size = -1
        self._flush_writes()
        if not self._rbuf:
            data = self._raw_read(self.buffer_size if size < 0 else max(size, 1))
            if not data:
                return b""
            self._rbuf = data
        if size < 0:
            size = len(self._rbuf)
        result, self._rbuf = self._rbuf[:size], self._rbuf[size:]
        return result

    def peek(self, size=0):
        self._check_raw()
        self._flush_writes()
        if not self._rbuf:
            self._rbuf = self._raw_read(self.buffer_size) or b""
        return self._rbuf

    def readline(self, size=-1):
        self._check_raw()
        if self.closed:
            raise ValueError("readline of closed file")
        if size is None:
            size = -1
        self._flush_writes()
        while True:
            i = self._rbuf.find(b"\n")
            if i >= 0:
                end = i + 1
                break
            if 0 <= size <= len(self._rbuf):
                end = size
                break
            data = self._raw_read(self.buffer_size)
            if not data:
                end = len(self._rbuf)
                break
            self._rbuf += data
        if size >= 0:
            end = min(end, size)
        result, self._rbuf = self._rbuf[:end], self._rbuf[end:]
        return result

    # Writing.

    def write(self, b):
        self._check_raw()
        if self.closed:
            raise ValueError("write to closed file")
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        self._drop_reads()
        data = bytes(b)
        self._wbuf += data
        if len(self._wbuf) >= self.buffer_size:
            self._flush_writes()
        return len(data)

    def __repr__(self):
        name = type(self).__name__
        try:
            return "<_io.%s name=%r>" % (name, self.name)
        except AttributeError:
            return "<_io.%s>" % name


class BufferedReader(_BufferedBase):

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if not raw.readable():
            raise UnsupportedOperation("File or stream is not readable.")
        _BufferedBase.__init__(self, raw, buffer_size)

    def writable(self):
        return False

    def write(self, b):
        self._unsupported("write")


class BufferedWriter(_BufferedBase):

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if not raw.writable():
            raise UnsupportedOperation("File or stream is not writable.")
        _BufferedBase.__init__(self, raw, buffer_size)

    def readable(self):
        return False

    def read(self, size=-1):
        self._unsupported("read")

    read1 = peek = readline = read


class BufferedRandom(_BufferedBase):

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if not raw.seekable():
            raise UnsupportedOperation("File or stream is not seekable.")
        _BufferedBase.__init__(self, raw, buffer_size)


class BufferedRWPair(_BufferedIOBase):

    def __init__(self, reader, writer, buffer_size=DEFAULT_BUFFER_SIZE):
        if not reader.readable():
            raise UnsupportedOperation('"reader" argument must be readable.')
        if not writer.writable():
            raise UnsupportedOperation('"writer" argument must be writable.')
        self.reader = reader
        self.writer = writer

    def read(self, size=-1):
        return self.reader.read(-1 if size is None else size)

    def readinto(self, b):
        return self.reader.readinto(b)

    def write(self, b):
        return self.writer.write(b)

    def peek(self, size=0):
        return self.reader.peek(size)

    def read1(self, size=-1):
        return self.reader.read1(size)

    def readinto1(self, b):
        return self.reader.readinto1(b)

    def readable(self):
        return self.reader.readable()

    def writable(self):
        return self.writer.writable()

    def flush(self):
        return self.writer.flush()

    def close(self):
        try:
            self.writer.close()
        finally:
            self.reader.close()

    def isatty(self):
        return self.reader.isatty() or self.writer.isatty()

    @property
    def closed(self):
        return self.writer.closed


class IncrementalNewlineDecoder:

    def __init__(self, decoder, translate, errors="strict"):
        self.decoder = decoder
        self.translate = translate
        self.errors = errors
        self.seennl = 0
        self.pendingcr = False

    def decode(self, input, final=False):
        if self.decoder is None:
            output = input
        else:
            output = self.decoder.decode(input, final=final)
        if self.pendingcr and (output or final):
            output = "\r" + output
            self.pendingcr = False
        if output.endswith("\r") and not final:
            output = output[:-1]
            self.pendingcr = True
        crlf = output.count("\r\n")
        cr = output.count("\r") - crlf
        lf = output.count("\n") - crlf
        self.seennl |= (lf and 1) | (cr and 2) | (crlf and 4)
        if self.translate:
            if crlf:
                output = output.replace("\r\n", "\n")
            if cr:
                output = output.replace("\r", "\n")
        return output

    def getstate(self):
        if self.decoder is None:
            buf, flag = b"", 0
        else:
            buf, flag = self.decoder.getstate()
        flag <<= 1
        if self.pendingcr:
            flag |= 1
        return buf, flag

    def setstate(self, state):
        buf, flag = state
        self.pendingcr = bool(flag & 1)
        if self.decoder is not None:
            self.decoder.setstate((buf, flag >> 1))

    def reset(self):
        self.seennl = 0
        self.pendingcr = False
        if self.decoder is not None:
            self.decoder.reset()

    @property
    def newlines(self):
        return (None, "\n", "\r", ("\r", "\n"), "\r\n", ("\n", "\r\n"), ("\r", "\r\n"),
                ("\r", "\n", "\r\n"))[self.seennl]


_SIMPLE_CODECS = {"utf-8": "utf-8", "utf8": "utf-8", "u8": "utf-8", "latin-1": "latin-1",
                  "latin1": "latin-1", "iso-8859-1": "latin-1", "iso8859-1": "latin-1",
                  "l1": "latin-1", "ascii": "ascii", "us-ascii": "ascii"}


class _BytesDecoder:
    # An incremental decoder for the codecs whose bytes.decode() reports a sequence cut at the
    # end of the input as "unexpected end of data" (UTF-8, and trivially the single-byte
    # codecs): the cut tail waits for the next chunk. It keeps TextIOWrapper on these codecs
    # independent of the codecs module.

    def __init__(self, encoding, errors):
        self.encoding = encoding
        self.errors = errors
        self.pending = b""

    def decode(self, data, final=False):
        buf = self.pending + bytes(data)
        try:
            text = buf.decode(self.encoding, self.errors)
            self.pending = b""
            return text
        except UnicodeDecodeError as e:
            if final or e.reason != "unexpected end of data" or e.end != len(buf):
                raise
            self.pending = buf[e.start:]
            return buf[:e.start].decode(self.encoding, self.errors)

    def getstate(self):
        return (self.pending, 0)

    def setstate(self, state):
        self.pending = state[0]

    def reset(self):
        self.pending = b""


class _BytesEncoder:

    def __init__(self, encoding, errors):
        self.encoding = encoding
        self.errors = errors

    def encode(self, text, final=False):
        return text.encode(self.encoding, self.errors)

    def reset(self):
        pass


class TextIOWrapper(_TextIOBase):
    # A text layer on any buffer (BytesIO, a user's BufferedIOBase, ...). Decoding uses the
    # codecs module's incremental decoders; tell() and seek() are supported on seekable
    # buffers when no decoded text is pending (otherwise UnsupportedOperation), which covers
    # the rewind-and-reread uses of the standard library.

    _CHUNK_SIZE = 8192

    def __init__(self, buffer, encoding=None, errors=None, newline=None,
                 line_buffering=False, write_through=False):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("TextIOWrapper() argument 'newline' must be str or None, not %s"
                            % type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %s" % (newline,))
        if encoding is None or encoding == "locale":
            encoding = "UTF-8" if encoding is None else "utf-8"
        elif not isinstance(encoding, str):
            raise TypeError("TextIOWrapper() argument 'encoding' must be str or None, not %s"
                            % type(encoding).__name__)
        if errors is None:
            errors = "strict"
        self._simple = _SIMPLE_CODECS.get(encoding.lower().replace("_", "-"))
        if self._simple is None:
            import codecs
            codecs.lookup(encoding)
        self._buffer = buffer
        self._encoding = encoding
        self._errors = errors
        self._readuniversal = not newline
        self._readtranslate = newline is None
        self._readnl = newline
        self._writetranslate = newline != ""
        self._writenl = newline or "\n"
        self._line_buffering = line_buffering
        self._write_through = write_through
        self._decoded = ""
        self._decoder = None
        self._encoder = None
        self._eof = False

    @property
    def encoding(self):
        return self._encoding

    @property
    def errors(self):
        return self._errors

    @property
    def buffer(self):
        return self._buffer

    @property
    def line_buffering(self):
        return self._line_buffering

    @property
    def write_through(self):
        return self._write_through

    @property
    def name(self):
        return self._buffer.name

    @property
    def closed(self):
        return self._buffer.closed

    @property
    def newlines(self):
        return self._decoder.newlines if self._decoder is not None else None

    def __repr__(self):
        result = "<_io.TextIOWrapper"
        try:
            name = self.name
        except AttributeError:
            pass
        else:
            result += " name={0!r}".format(name)
        try:
            mode = self.mode
        except AttributeError:
            pass
        else:
            result += " mode={0!r}".format(mode)
        return result + " encoding={0!r}>".format(self.encoding)

    def fileno(self):
        return self._buffer.fileno()

    def isatty(self):
        return self._buffer.isatty()

    def readable(self):
        return self._buffer.readable()

    def writable(self):
        return self._buffer.writable()

    def seekable(self):
        return self._buffer.seekable()

    def flush(self):
        self._buffer.flush()

    def close(self):
        if self._buffer is not None and not self.closed:
            try:
                self.flush()
            finally:
                self._buffer.close()

    def detach(self):
        if self._buffer is None:
            raise ValueError("buffer is already detached")
        self.flush()
        buffer = self._buffer
        self._buffer = None
        return buffer

    def _get_encoder(self):
        if self._encoder is None and self._simple is not None:
            self._encoder = _BytesEncoder(self._simple, self._errors)
        if self._encoder is None:
            import codecs
            self._encoder = codecs.getincrementalencoder(self._encoding)(self._errors)
        return self._encoder

    def _get_decoder(self):
        if self._decoder is None:
            if self._simple is not None:
                decoder = _BytesDecoder(self._simple, self._errors)
            else:
                import codecs
                decoder = codecs.getincrementaldecoder(self._encoding)(self._errors)
            if self._readuniversal:
                decoder = IncrementalNewlineDecoder(decoder, self._readtranslate)
            self._decoder = decoder
        return self._decoder

    def write(self, s):
        if self.closed:
            raise _closed_error()
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        length = len(s)
        haslf = (self._writetranslate or self._line_buffering) and "\n" in s
        if haslf and self._writetranslate and self._writenl != "\n":
            s = s.replace("\n", self._writenl)
        b = self._get_encoder().encode(s)
        self._buffer.write(b)
        if self._line_buffering and (haslf or "\r" in s) or self._write_through:
            self.flush()
        self._decoded = ""
        self._decoder = None
        return length

    def _fill(self):
        if self._eof:
            return False
        reader = getattr(self._buffer, "read1", self._buffer.read)
        chunk = reader(self._CHUNK_SIZE)
        final = not chunk
        self._decoded += self._get_decoder().decode(chunk, final)
        if final:
            self._eof = True
        return True

    def read(self, size=-1):
        if self.closed:
            raise _closed_error()
        size = _size_arg(size)
        if not self.readable():
            raise UnsupportedOperation("not readable")
        if size < 0:
            while self._fill():
                pass
            result, self._decoded = self._decoded, ""
            return result
        while len(self._decoded) < size and self._fill():
            pass
        result, self._decoded = self._decoded[:size], self._decoded[size:]
        return result

    def _line_end(self, text):
        if self._readtranslate:
            i = text.find("\n")
            return -1 if i < 0 else i + 1
        if self._readuniversal:
            for i, c in enumerate(text):
                if c == "\n":
                    return i + 1
                if c == "\r":
                    if i + 1 < len(text):
                        return i + 2 if text[i + 1] == "\n" else i + 1
                    return i + 1 if self._eof else -1
            return -1
        i = text.find(self._readnl)
        return -1 if i < 0 else i + len(self._readnl)

    def readline(self, size=-1):
        if self.closed:
            raise _closed_error()
        size = -1 if size is None else _ssize_arg(size)
        while True:
            end = self._line_end(self._decoded)
            if end >= 0 or (size >= 0 and len(self._decoded) >= size):
                break
            if not self._fill():
                end = len(self._decoded)
                break
        if end < 0:
            end = len(self._decoded)
        if size >= 0:
            end = min(end, size)
        line, self._decoded = self._decoded[:end], self._decoded[end:]
        return line

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def tell(self):
        if not self.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        self.flush()
        if self._decoded or (self._decoder is not None and self._decoder.getstate()[0]):
            pending = self._decoded
            if self._readtranslate:
                raise UnsupportedOperation("tell() with pending translated text is not supported by pystm")
            return self._buffer.tell() - len(pending.encode(self._encoding, self._errors)) \
                - len(self._decoder.getstate()[0])
        return self._buffer.tell()

    def seek(self, cookie, whence=0):
        if self.closed:
            raise _closed_error()
        if not self.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        if whence == 1:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            cookie = self.tell()
            whence = 0
        if whence == 2:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
            self.flush()
            pos = self._buffer.seek(0, 2)
        elif whence == 0:
            if cookie < 0:
                raise ValueError("negative seek position %r" % (cookie,))
            self.flush()
            pos = self._buffer.seek(cookie)
        else:
            raise ValueError("invalid whence (%r, should be 0, 1 or 2)" % (whence,))
        self._decoded = ""
        self._decoder = None
        self._eof = False
        return pos

    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        return self._buffer.truncate(pos)

    def reconfigure(self, *, encoding=None, errors=None, newline=Ellipsis,
                    line_buffering=None, write_through=None):
        if encoding is not None:
            self._encoding = encoding
            self._simple = _SIMPLE_CODECS.get(encoding.lower().replace("_", "-"))
            self._encoder = self._decoder = None
            if errors is None:
                errors = "strict"
        if errors is not None:
            self._errors = errors
            self._encoder = self._decoder = None
        if newline is not Ellipsis:
            self._readuniversal = not newline
            self._readtranslate = newline is None
            self._readnl = newline
            self._writetranslate = newline != ""
            self._writenl = newline or "\n"
        if line_buffering is not None:
            self._line_buffering = line_buffering
        if write_through is not None:
            self._write_through = write_through


# The native classes answer isinstance() like the Python ones.
TextIOWrapper.register(_NativeTextIOWrapper)
for _klass in (FileIO,):
    _RawIOBase.register(_klass)
BufferedReader.register(_pystm_io.BufferedReader)
BufferedWriter.register(_pystm_io.BufferedWriter)
BufferedRandom.register(_pystm_io.BufferedRandom)
_TextIOBase.register(_NativeTextIOWrapper)
del _klass
