# glob and fnmatch.
import fnmatch
import glob
import os
import tempfile

print(fnmatch.fnmatch("data.txt", "*.txt"), fnmatch.fnmatch("data.TXT", "*.txt"))
print(fnmatch.fnmatchcase("a1", "a[0-9]"), fnmatch.fnmatchcase("ab", "a[!b]"))
print(fnmatch.filter(["x.py", "y.c", "z.py"], "*.py"), fnmatch.translate("*.py"))
with tempfile.TemporaryDirectory() as d:
    for name in ["a.py", "b.py", "c.txt", "sub/d.py"]:
        p = os.path.join(d, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        open(p, "w").close()
    rel = lambda ps: sorted(os.path.relpath(p, d) for p in ps)
    print(rel(glob.glob(os.path.join(d, "*.py"))))
    print(rel(glob.glob(os.path.join(d, "**", "*.py"), recursive=True)))
    print(rel(glob.glob(os.path.join(d, "?.txt"))), glob.glob(os.path.join(d, "*.none")))
    print(sorted(glob.glob("*.py", root_dir=d)))
