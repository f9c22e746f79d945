# posix: directories, files, stat, scandir, rename and errors (the layer os.py builds on).
import posix
import errno

base = '/tmp/pystm_posix_test_%d' % posix.getpid()
posix.mkdir(base)
try:
    posix.mkdir(base + '/sub', 0o755)
    fd = posix.open(base + '/f.txt', posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
    print(posix.write(fd, b'hello world\n'))
    posix.close(fd)
    st = posix.stat(base + '/f.txt')
    print(type(st).__name__, st.st_size, st[6], len(st), oct(st.st_mode & 0o777))
    print(isinstance(st.st_mtime, float), isinstance(st[8], int), st.st_mtime_ns // 10**9 == st[8])
    print(sorted(posix.listdir(base)), sorted(posix.listdir(base.encode())))
    entries = sorted(posix.scandir(base), key=lambda e: e.name)
    for e in entries:
        print(repr(e), e.name, e.path[len(base):], e.is_dir(), e.is_file(), e.is_symlink(), e.stat().st_size > 0 or e.is_dir())
    with posix.scandir(base) as it:
        print(sorted(x.name for x in it))
    fd = posix.open(base + '/f.txt', posix.O_RDONLY)
    print(posix.read(fd, 5), posix.lseek(fd, 0, 1), posix.read(fd, 100), posix.read(fd, 10))
    print(posix.fstat(fd).st_size, posix.isatty(fd))
    posix.close(fd)
    posix.rename(base + '/f.txt', base + '/g.txt')
    posix.replace(base + '/g.txt', base + '/h.txt')
    posix.symlink(base + '/h.txt', base + '/link')
    print(posix.readlink(base + '/link')[len(base):], posix.lstat(base + '/link').st_mode & 0o170000 == 0o120000)
    print(posix.access(base + '/h.txt', posix.R_OK), posix.access(base + '/nope', posix.F_OK))
    posix.chmod(base + '/h.txt', 0o600)
    print(oct(posix.stat(base + '/h.txt').st_mode & 0o777))
    posix.utime(base + '/h.txt', (1000000000, 1000000000))
    print(posix.stat(base + '/h.txt').st_mtime)
    posix.utime(base + '/h.txt', ns=(1500000000123456789, 1500000000123456789))
    print(posix.stat(base + '/h.txt').st_mtime_ns)
    for bad in (lambda: posix.stat(base + '/missing'), lambda: posix.mkdir(base),
                lambda: posix.rmdir(base + '/missing'), lambda: posix.listdir(base + '/h.txt'),
                lambda: posix.rename(base + '/missing', base + '/x')):
        try:
            bad()
        except OSError as e:
            print(type(e).__name__, errno.errorcode[e.errno], str(e).replace(base, 'BASE'))
    for bad in (lambda: posix.stat(3.5), lambda: posix.mkdir(None), lambda: posix.stat('a\0b')):
        try:
            bad()
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    posix.unlink(base + '/link')
    posix.remove(base + '/h.txt')
    posix.rmdir(base + '/sub')
    print(posix.listdir(base))
finally:
    posix.rmdir(base)
print(posix.access(base, posix.F_OK))
