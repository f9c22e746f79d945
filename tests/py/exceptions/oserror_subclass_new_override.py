import errno
class WithInit(OSError):
    def __init__(self, message, bar):
        self.bar = bar
        super().__init__(message)
class WithNew(OSError):
    def __new__(cls, message, baz):
        self = super().__new__(cls, message)
        self.baz = baz
        return self
class InitFirst(WithInit, WithNew):
    pass
class NewFirst(WithNew, WithInit):
    pass
class Standalone(OSError):
    def __init__(self):
        pass
e = WithNew("some message", "baz"); print(e.baz, e.args, e.errno, str(e))
e = WithNew("some message", baz="baz"); print(e.baz, e.args)
e = WithInit("some message", bar="baz"); print(e.bar, e.args)
for c in (InitFirst, NewFirst):
    e = c("some message", "baz"); print(c.__name__, e.bar, e.baz, e.args)
e = Standalone(); print(e.args, repr(str(e)))
class NewFile(OSError):
    def __new__(cls, *a):
        return super().__new__(cls, *a)
e = NewFile(errno.ENOENT, "gone", "f.txt"); print(type(e).__name__, e.args, e.errno, e.strerror, e.filename, str(e))
e = OSError(errno.ENOENT, "gone", "f.txt"); print(type(e).__name__, e.args, e.filename)
try: OSError("x", y=1)
except TypeError as ex: print("TypeError", ex)
class Sub(OSError): pass
try: Sub("x", y=1)
except TypeError as ex: print("TypeError", ex)
e = BlockingIOError(errno.EAGAIN, "again", 5); print(e.characters_written, e.args)
