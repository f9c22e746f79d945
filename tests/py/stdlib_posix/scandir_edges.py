# os.scandir and os.listdir of an empty path fail as CPython's do; DirEntry and ScandirIterator
# cannot be created directly.
import os

for f in (os.listdir, os.scandir):
    for p in ("", b""):
        try:
            print(f(p))
        except Exception as e:
            print(type(e).__name__, e)
print(len(os.listdir()) > 0, len(list(os.scandir())) > 0, len(os.listdir(None)) > 0)
for make in (lambda: os.DirEntry(), lambda: type(os.scandir())(), lambda: os.DirEntry("x")):
    try:
        make()
    except TypeError as e:
        print(e)
