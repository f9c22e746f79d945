# open() encodes str file names with surrogateescape, like the os functions (PEP 383): an
# undecodable byte read back from listdir() names the same file.
import os
import shutil
import tempfile

d = tempfile.mkdtemp()
name = os.path.join(d, "a-\udcff")
os.mkdir(name)
with open(os.path.join(name, "x"), "w") as f:
    f.write("hi")
print(os.listdir(os.fsencode(d)), os.listdir(name))
with open(os.path.join(os.fsencode(name), b"x")) as f:
    print(f.read())
with open(os.path.join(name, "x"), "rb") as f:
    print(f.read(), f.name == os.path.join(name, "x"))
try:
    open("\ud800", "w")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
shutil.rmtree(d)
