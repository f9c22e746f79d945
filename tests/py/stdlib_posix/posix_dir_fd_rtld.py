# The dir_fd argument's conversion (os.stat, os.mkdir, os.open) and the RTLD_* constants.
import os

for f, a in ((os.stat, (".",)), (os.mkdir, ("never-made",)), (os.open, ("never-made", os.O_RDONLY))):
    for v in ("x", 1.5, 2**40, -2**40, -5, [0]):
        try:
            f(*a, dir_fd=v)
            print("ok")
        except Exception as e:
            print(type(e).__name__, e)
print(type(os.stat(".", dir_fd=None)).__name__)


class Index:
    def __index__(self):
        return -100  # AT_FDCWD


print(type(os.stat(".", dir_fd=Index())).__name__)
print(sorted((n, getattr(os, n)) for n in dir(os) if n.startswith("RTLD_")))
