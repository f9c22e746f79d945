# bz2.open / lzma.open in text and binary mode, tarfile w:bz2 / w:xz and zipfile ZIP_BZIP2 /
# ZIP_LZMA round trips, shutil archives, in a temporary directory.
import bz2, lzma, os, shutil, tarfile, tempfile, zipfile
tmp = tempfile.mkdtemp()
try:
    for mod, ext in ((bz2, "bz2"), (lzma, "xz")):
        p = os.path.join(tmp, "f." + ext)
        with mod.open(p, "wt", encoding="utf-8") as f:
            f.write("line one\nline two é\n" * 50)
        with mod.open(p, "rt", encoding="utf-8") as f:
            lines = f.readlines()
        print(ext, len(lines), lines[:2])
        with mod.open(p, "ab") as f:
            f.write(b"appended")
        with mod.open(p, "rb") as f:
            body = f.read()
            print(len(body), body[-8:], f.seekable())
            f.seek(5)
            print(f.read(3), f.tell())
    src = os.path.join(tmp, "src")
    os.mkdir(src)
    for i in range(3):
        with open(os.path.join(src, "file%d.txt" % i), "w") as f:
            f.write("content %d\n" % i * 100)
    for mode in ("bz2", "xz"):
        tp = os.path.join(tmp, "a.tar." + mode)
        with tarfile.open(tp, "w:" + mode) as tf:
            tf.add(src, arcname="src")
        with tarfile.open(tp, "r:*") as tf:
            names = sorted(tf.getnames())
            body = tf.extractfile("src/file1.txt").read()
        print(mode, names, len(body), body[:10])
    for method in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        zp = os.path.join(tmp, "a%d.zip" % method)
        with zipfile.ZipFile(zp, "w", compression=method) as zf:
            zf.write(os.path.join(src, "file0.txt"), "file0.txt")
            zf.writestr("inner/x.bin", bytes(range(256)) * 10)
        with zipfile.ZipFile(zp) as zf:
            print(method, [(i.filename, i.compress_type, i.file_size) for i in zf.infolist()])
            print(zf.read("inner/x.bin") == bytes(range(256)) * 10, zf.testzip())
    for fmt in ("bztar", "xztar"):
        arch = shutil.make_archive(os.path.join(tmp, "arch_" + fmt), fmt, src)
        out = os.path.join(tmp, "out_" + fmt)
        shutil.unpack_archive(arch, out)
        print(fmt, os.path.basename(arch), sorted(os.listdir(out)))
finally:
    shutil.rmtree(tmp)
