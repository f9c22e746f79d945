# faulthandler's argument checking and small return values, as CPython 3.11 reports them.
import faulthandler
import io
import signal
import sys


def attempt(label, fn, *args, **kw):
    try:
        r = fn(*args, **kw)
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "->", type(e).__name__, e)


print(faulthandler.__doc__)
for name in ["enable", "disable", "is_enabled", "dump_traceback", "dump_traceback_later",
             "cancel_dump_traceback_later", "register", "unregister"]:
    print(name, getattr(faulthandler, name).__doc__)

print(faulthandler.is_enabled(), faulthandler.disable())
print(faulthandler.enable(), faulthandler.is_enabled())
print(faulthandler.enable(all_threads=False), faulthandler.is_enabled())
print(faulthandler.disable(), faulthandler.is_enabled(), faulthandler.disable())


class NoIntFileno:
    def fileno(self):
        return "x"


class NegativeFileno:
    def fileno(self):
        return -5


for fn in [faulthandler.dump_traceback, faulthandler.enable]:
    n = fn.__name__
    attempt(n + "('x')", fn, "x")
    attempt(n + "(1.5)", fn, 1.5)
    attempt(n + "(-1)", fn, -1)
    attempt(n + "(2**40)", fn, 2**40)
    attempt(n + "(StringIO)", fn, io.StringIO())
    attempt(n + "(NoIntFileno)", fn, NoIntFileno())
    attempt(n + "(NegativeFileno)", fn, NegativeFileno())
    attempt(n + "(all_threads=None)", fn, all_threads=None)
    attempt(n + "(all_threads=1.5)", fn, all_threads=1.5)
    attempt(n + "(all_threads=2**40)", fn, all_threads=2**40)
    attempt(n + "(1, 2, 3)", fn, 1, 2, 3)
    attempt(n + "(bad=1)", fn, bad=1)
print(faulthandler.disable())

later = faulthandler.dump_traceback_later
for timeout in [0, -1, 0.0, -0.5, float("nan"), 1e100, 10**30, "x", None]:
    attempt(f"dump_traceback_later({timeout!r})", later, timeout)
attempt("dump_traceback_later()", later)
attempt("dump_traceback_later(5, repeat=1.5)", later, 5, repeat=1.5)
attempt("dump_traceback_later(5, exit='x')", later, 5, exit="x")
attempt("dump_traceback_later(5, file=-1)", later, 5, file=-1)
attempt("dump_traceback_later(5, file='x')", later, 5, file="x")
attempt("dump_traceback_later(5, 1, 2, 3, 4)", later, 5, 1, 2, 3, 4)
attempt("cancel_dump_traceback_later(1)", faulthandler.cancel_dump_traceback_later, 1)
attempt("is_enabled(1)", faulthandler.is_enabled, 1)
attempt("disable(1)", faulthandler.disable, 1)

for signum in [0, -1, 100, 65, signal.SIGSEGV, signal.SIGABRT, signal.SIGFPE, signal.SIGBUS,
               signal.SIGILL, "x", 1.5]:
    attempt(f"register({signum!r})", faulthandler.register, signum)
    attempt(f"unregister({signum!r})", faulthandler.unregister, signum)
attempt("register()", faulthandler.register)
attempt("register(USR1, 'x')", faulthandler.register, signal.SIGUSR1, "x")
attempt("register(USR1, chain=1.5)", faulthandler.register, signal.SIGUSR1, chain=1.5)
attempt("register(USR1, 1, 2, 3, 4)", faulthandler.register, signal.SIGUSR1, 1, 2, 3, 4)
attempt("unregister()", faulthandler.unregister)
attempt("unregister(USR1)", faulthandler.unregister, signal.SIGUSR1)

saved = sys.stderr
sys.stderr = None
attempt("dump_traceback() with stderr None", faulthandler.dump_traceback)
attempt("enable() with stderr None", faulthandler.enable)
attempt("dump_traceback_later(5) with stderr None", later, 5)
attempt("register(USR1) with stderr None", faulthandler.register, signal.SIGUSR1)
del sys.stderr
attempt("dump_traceback() without stderr", faulthandler.dump_traceback)
sys.stderr = saved
attempt("dump_traceback(None, False)", faulthandler.dump_traceback, None, False)
