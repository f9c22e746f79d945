# fcntl.fcntl, ioctl, flock and lockf: argument conversion, buffer forms and errors.
import array
import fcntl
import os
import tempfile
import termios


def t(f, *a):
    try:
        print(repr(f(*a)))
    except Exception as e:
        print(type(e).__name__, e)


r, w = os.pipe()
t(fcntl.fcntl, r, fcntl.F_GETFD)
for bad in (None, 1.5, bytearray(b"ab"), memoryview(b"ab"), "\ud800"):
    t(fcntl.fcntl, r, fcntl.F_GETFD, bad)
t(fcntl.fcntl, r, fcntl.F_GETFD, b"x" * 1025)
t(fcntl.fcntl, r, fcntl.F_GETFD, "abc")
t(fcntl.fcntl, r, fcntl.F_GETFD, "\xe9")
for arg in (2**40, -1, 2**70, True, -2**63):
    t(fcntl.fcntl, r, fcntl.F_GETFD, arg)
t(fcntl.fcntl, r, 1.0)
t(fcntl.fcntl, r, 2**40)
t(fcntl.fcntl, 1.0, 1)
t(fcntl.fcntl, -1, 1)
t(fcntl.fcntl, 2**40, 1)
t(fcntl.fcntl, 999, 1)
t(fcntl.fcntl, "x", 1)
t(fcntl.fcntl, r)
t(fcntl.fcntl, r, 1, 2, 3)
t(lambda: fcntl.fcntl(fd=r, cmd=1))


class B(bytes):
    pass


t(fcntl.fcntl, r, 1, B(b"xy"))


class F:
    def fileno(self):
        return r


class G:
    def fileno(self):
        return 1.0


class H:
    def fileno(self):
        return -5


t(fcntl.fcntl, F(), fcntl.F_GETFL)
t(fcntl.fcntl, G(), fcntl.F_GETFL)
t(fcntl.fcntl, H(), fcntl.F_GETFL)
t(fcntl.fcntl, True, fcntl.F_GETFD)
t(fcntl.fcntl, r, fcntl.F_SETFL, os.O_NONBLOCK)
print(fcntl.fcntl(r, fcntl.F_GETFL) & os.O_NONBLOCK == os.O_NONBLOCK)
t(fcntl.fcntl, r, fcntl.F_SETFD, fcntl.FD_CLOEXEC)
print(os.get_inheritable(r))

# ioctl
t(fcntl.ioctl, r, 2**40)
t(fcntl.ioctl, r, -1)
t(fcntl.ioctl, r, 1.0)
t(fcntl.ioctl, r, 1, 1.0)
t(fcntl.ioctl, r, 1, None)
t(fcntl.ioctl, r, 1, b"x" * 1025)
t(fcntl.ioctl, r, 1, bytearray(1025), False)
t(fcntl.ioctl, r, 1, 2**40)
t(fcntl.ioctl, r, 1, -2**40)
t(fcntl.ioctl, r)
t(fcntl.ioctl, r, 1, 2, 3, 4)
t(fcntl.ioctl, r, termios.FIONREAD, bytearray(4))
os.write(w, b"hello")
b = bytearray(4)
t(fcntl.ioctl, r, termios.FIONREAD, b)
print(b)
b = bytearray(4)
t(fcntl.ioctl, r, termios.FIONREAD, b, False)
print(b)
t(fcntl.ioctl, r, termios.FIONREAD, b, 1.0)
print(b)
t(fcntl.ioctl, r, termios.FIONREAD, b"\0\0\0\0")
t(fcntl.ioctl, r, termios.FIONREAD, "\0\0\0\0")
t(fcntl.ioctl, r, termios.FIONREAD, memoryview(b"\0\0\0\0"))
a = array.array("i", [0])
t(fcntl.ioctl, r, termios.FIONREAD, a)
print(a)
a = array.array("i", [0] * 300)
t(fcntl.ioctl, r, termios.FIONREAD, a)
print(a[:2])
m = memoryview(bytearray(4))
t(fcntl.ioctl, r, termios.FIONREAD, m)
print(bytes(m))

# flock and lockf
with tempfile.TemporaryFile() as f1, open(f1.fileno(), "rb", closefd=False) as same:
    path_fd = os.open("/proc/self/fd/%d" % f1.fileno(), os.O_RDONLY)
    t(fcntl.flock, f1, fcntl.LOCK_EX | fcntl.LOCK_NB)
    t(fcntl.flock, path_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    t(fcntl.flock, f1, fcntl.LOCK_UN)
    t(fcntl.flock, path_fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    t(fcntl.flock, path_fd, fcntl.LOCK_UN)
    os.close(path_fd)
    t(fcntl.flock, f1, 99999)
    t(fcntl.flock, 999, fcntl.LOCK_SH)
    t(fcntl.flock, f1)
    t(fcntl.lockf, f1, fcntl.LOCK_EX | fcntl.LOCK_NB)
    t(fcntl.lockf, f1, fcntl.LOCK_EX, 10, 0, os.SEEK_SET)
    t(fcntl.lockf, f1, fcntl.LOCK_UN, 0, 0, 0)
    t(fcntl.lockf, f1, 0)
    t(fcntl.lockf, 999, fcntl.LOCK_SH)
    t(fcntl.lockf, f1, fcntl.LOCK_SH, 1.0)
    t(fcntl.lockf, f1, fcntl.LOCK_SH, 2**70)
    t(fcntl.lockf, f1, fcntl.LOCK_SH, 0, 0, 0, 0)
