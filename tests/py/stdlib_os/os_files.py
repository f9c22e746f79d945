# os: getcwd, listdir, scandir, stat, mkdir/makedirs/rmdir/remove/rename in a temporary folder.
import os
import stat

base = os.path.join(os.getcwd(), "_pystm_os_files_tmp")
os.mkdir(base)
try:
    print(os.path.isdir(base), os.path.isfile(base))
    os.makedirs(os.path.join(base, "a", "b"))
    os.makedirs(os.path.join(base, "a", "b"), exist_ok=True)
    try:
        os.mkdir(base)
    except FileExistsError as e:
        print("FileExistsError", e.errno)
    p = os.path.join(base, "f.txt")
    with open(p, "w") as f:
        f.write("12345")
    st = os.stat(p)
    print(st.st_size, stat.S_ISREG(st.st_mode), stat.S_ISDIR(os.stat(base).st_mode))
    print(sorted(os.listdir(base)))
    print(sorted((e.name, e.is_dir(), e.is_file()) for e in os.scandir(base)))
    os.rename(p, os.path.join(base, "g.txt"))
    print(sorted(os.listdir(base)))
    print([sorted(d) + sorted(f) for _, d, f in os.walk(base)])
    os.remove(os.path.join(base, "g.txt"))
    os.rmdir(os.path.join(base, "a", "b"))
    os.removedirs(os.path.join(base, "a"))  # removes base too
    print(os.path.exists(base))
finally:
    if os.path.exists(base):
        import shutil
        shutil.rmtree(base)
print(type(os.getpid()).__name__, len(os.urandom(16)), os.sep, os.curdir, os.pardir)
os.environ["PYSTM_TEST_VAR"] = "value"
print(os.environ["PYSTM_TEST_VAR"], os.getenv("PYSTM_TEST_VAR"), "PYSTM_TEST_VAR" in os.environ)
del os.environ["PYSTM_TEST_VAR"]
print(os.getenv("PYSTM_TEST_VAR", "gone"), os.fspath("x"), os.name)
