# os.path / posixpath helpers.
import os.path
import posixpath

print(os.path is posixpath)
print(os.path.join("a", "b", "c.txt"), os.path.join("/x", "/y", "z"))
print(os.path.split("/usr/lib/python3.11/os.py"), os.path.splitext("archive.tar.gz"))
print(os.path.basename("/a/b/c"), os.path.dirname("/a/b/c"), os.path.dirname("c"))
print(os.path.normpath("/a//b/./c/../d/"), os.path.normpath(""), os.path.isabs("/x"), os.path.isabs("x"))
print(os.path.commonprefix(["/usr/lib", "/usr/local"]), os.path.commonpath(["/usr/lib", "/usr/local"]))
print(os.path.relpath("/a/b/c", "/a/d"), os.path.expanduser("~x/y") == "~x/y" or True)
print(os.path.splitdrive("/a/b"), os.path.abspath("/a/./b/../c"))
print(os.path.exists("/"), os.path.isdir("/"), os.path.exists("/definitely/not/here"))
print(posixpath.sep, posixpath.extsep, os.path.normcase("AbC"))
