# os.chown, os.lchown and os.fchown: unchanged (-1) and current owners, fd and dir_fd forms,
# errors, and the supports_* sets that advertise them.
import os, tempfile
d = tempfile.mkdtemp()
p = os.path.join(d, "f")
with open(p, "w") as f:
    f.write("x")
st = os.stat(p)
os.chown(p, -1, -1)
os.chown(p, st.st_uid, st.st_gid)
os.lchown(p, st.st_uid, -1)
fd = os.open(p, os.O_RDONLY)
os.fchown(fd, -1, st.st_gid)
os.chown(fd, -1, -1)
os.close(fd)
dfd = os.open(d, os.O_RDONLY)
os.chown("f", -1, -1, dir_fd=dfd, follow_symlinks=False)
os.close(dfd)
print(os.stat(p).st_uid == st.st_uid, os.stat(p).st_gid == st.st_gid)
for f in (lambda: os.chown(os.path.join(d, "missing"), -1, -1), lambda: os.chown(p, -2, -1),
          lambda: os.chown(p, "a", -1), lambda: os.chown(p, -1)):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e.args[0] if isinstance(e, OSError) else e)
print(os.chown in os.supports_fd, os.chown in os.supports_dir_fd, os.chown in os.supports_follow_symlinks)
os.unlink(p)
os.rmdir(d)
