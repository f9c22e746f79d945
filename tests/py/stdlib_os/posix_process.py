# posix: process information, descriptors, the environment and helpers.
import posix

print(isinstance(posix.getpid(), int), posix.getppid() > 0, posix.getuid() >= 0)
print(type(posix.environ).__name__, all(isinstance(k, bytes) and isinstance(v, bytes) for k, v in posix.environ.items()))
print(b'PATH' in posix.environ)
r, w = posix.pipe()
print(posix.write(w, b'abc'), posix.read(r, 10))
d = posix.dup(w)
posix.write(d, bytearray(b'xyz'))
print(posix.read(r, 10), posix.get_inheritable(d), posix.get_blocking(r))
for fd in (r, w, d):
    posix.close(fd)
try:
    posix.close(r)
except OSError as e:
    print(type(e).__name__, e)
print(posix.strerror(2), posix.fspath('a/b'), posix.fspath(b'x'))


class P:
    def __fspath__(self):
        return '/some/path'


print(posix.fspath(P()))
try:
    posix.fspath(3)
except TypeError as e:
    print(e)
print(len(posix.urandom(16)), type(posix.urandom(0)))
print(posix.WIFEXITED(0), posix.WEXITSTATUS(256), posix.WIFSIGNALED(9), posix.WTERMSIG(9))
print(posix.waitstatus_to_exitcode(256), posix.waitstatus_to_exitcode(9))
u = posix.uname()
print(type(u).__name__, u.sysname, len(u))
t = posix.times()
print(type(t).__name__, len(t), all(isinstance(x, float) for x in t))
print(posix.cpu_count() >= 1)
old = posix.umask(0o22)
print(posix.umask(old) == 0o22)
print(posix.F_OK, posix.O_RDONLY, posix.O_CREAT, posix.WNOHANG)
print(posix.stat_result.__name__, posix.stat_result.n_sequence_fields)
print(posix.error is OSError)
