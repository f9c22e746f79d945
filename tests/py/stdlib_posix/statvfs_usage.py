# os.statvfs / fstatvfs and shutil.disk_usage.
import os
import shutil

s = os.statvfs("/")
print(type(s).__name__, len(s), s.n_fields, s.n_sequence_fields, all(type(x) is int for x in s))
print(s.f_bsize == s[0], s.f_namemax == s[9], type(s.f_fsid).__name__)
print(repr(s).startswith("os.statvfs_result(f_bsize="))
print(os.statvfs_result.__doc__.splitlines()[0], os.statvfs_result.__module__)
fd = os.open("/", os.O_RDONLY)
f = os.fstatvfs(fd)
print(f.f_bsize == s.f_bsize, f.f_blocks == s.f_blocks, os.statvfs(fd).f_frsize == s.f_frsize)
os.close(fd)
print(os.statvfs(b"/").f_namemax == s.f_namemax)
for a in [("/nonexist",), (1.0,)]:
    try:
        os.statvfs(*a)
    except Exception as e:
        print(type(e).__name__, e)
for a in [(999,), ("x",), ()]:
    try:
        os.fstatvfs(*a)
    except Exception as e:
        print(type(e).__name__, e)
u = shutil.disk_usage("/")
print(type(u).__name__, u._fields, u.total >= u.used, u.total >= u.free)
