# tempfile (TemporaryDirectory, NamedTemporaryFile, mkstemp) and shutil (copy, copytree, rmtree, which).
import os
import shutil
import tempfile

with tempfile.TemporaryDirectory() as d:
    print(os.path.isdir(d))
    src = os.path.join(d, "src")
    os.mkdir(src)
    with open(os.path.join(src, "a.txt"), "w") as f:
        f.write("alpha")
    os.mkdir(os.path.join(src, "sub"))
    with open(os.path.join(src, "sub", "b.txt"), "w") as f:
        f.write("beta")
    dst = shutil.copy(os.path.join(src, "a.txt"), os.path.join(d, "copy.txt"))
    print(os.path.basename(dst), open(dst).read())
    shutil.copytree(src, os.path.join(d, "tree"))
    print(sorted(os.listdir(os.path.join(d, "tree"))), open(os.path.join(d, "tree", "sub", "b.txt")).read())
    shutil.rmtree(os.path.join(d, "tree"))
    print(os.path.exists(os.path.join(d, "tree")))
    shutil.move(dst, os.path.join(d, "moved.txt"))
    print(sorted(os.listdir(d)))
    with tempfile.NamedTemporaryFile("w+", dir=d, suffix=".txt", delete=True) as t:
        t.write("temp data")
        t.flush()
        t.seek(0)
        print(t.read(), t.name.endswith(".txt"), os.path.exists(t.name))
    print(os.path.exists(t.name))
    fd, path = tempfile.mkstemp(dir=d)
    os.write(fd, b"raw")
    os.close(fd)
    print(open(path, "rb").read())
    saved = d
print(os.path.exists(saved))
print(shutil.which("sh") is not None, shutil.which("pystm-no-such-program"))
with tempfile.TemporaryFile() as t:
    t.write(b"xyz")
    t.seek(0)
    print(t.read())
print(isinstance(tempfile.gettempdir(), str))
