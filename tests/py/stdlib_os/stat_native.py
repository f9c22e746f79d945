# _stat (the native half of stat): file-type tests, S_IMODE/S_IFMT, filemode() with '?' for an
# unknown file type and the setuid/setgid/sticky letters, constants and argument errors.
import _stat, stat, os
print(stat.filemode is _stat.filemode, stat.S_ISDIR is _stat.S_ISDIR)
for mode in (0o100644, 0o40755, 0o120777, 0o20620, 0o60660, 0o10600, 0o140755, 0o644, 0o4755,
             0o2755, 0o1777, 0o4644, 0o2644, 0o1666, 0o7777, 0):
    print(oct(mode), _stat.filemode(mode), _stat.S_IMODE(mode), _stat.S_IFMT(mode),
          [f(mode) for f in (_stat.S_ISDIR, _stat.S_ISCHR, _stat.S_ISBLK, _stat.S_ISREG,
                             _stat.S_ISFIFO, _stat.S_ISLNK, _stat.S_ISSOCK, _stat.S_ISDOOR,
                             _stat.S_ISPORT, _stat.S_ISWHT)])
print(stat.filemode(os.stat(".").st_mode)[0], stat.S_ISDIR(os.stat(".").st_mode))
print(sorted((k, v) for k, v in vars(_stat).items() if k.isupper() and isinstance(v, int)))
for f in (lambda: _stat.S_ISDIR("x"), lambda: _stat.S_ISDIR(-1), lambda: _stat.S_ISDIR(2**40),
          lambda: _stat.S_ISDIR(2.0), lambda: _stat.filemode(-1), lambda: _stat.S_IMODE(True)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
