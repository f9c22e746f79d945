# os.stat and os.lstat: keyword-only dir_fd and follow_symlinks, lstat without a descriptor or
# follow_symlinks; os.rename mixes str and bytes paths on POSIX.
import os


def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print(type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)


t(os.stat, ".")
t(os.stat, ".", None)
t(os.stat, ".", dir_fd=None, follow_symlinks=False)
t(os.stat, 0)
t(os.lstat, ".")
t(os.lstat, ".", None)
t(os.lstat, ".", dir_fd=None)
t(os.lstat, ".", follow_symlinks=False)
t(os.lstat, 0)
t(os.lstat, b".")
try:
    os.rename(b"nonexist_a", "nonexist_b")
except OSError as e:
    print(type(e).__name__, e, repr(e.filename), repr(e.filename2))
try:
    os.replace("nonexist_a", b"nonexist_b")
except OSError as e:
    print(type(e).__name__, e, repr(e.filename), repr(e.filename2))
