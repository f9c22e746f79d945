# pathlib: pure path manipulation and file-system operations in a temporary folder.
import pathlib
import tempfile
from pathlib import Path, PurePosixPath

p = PurePosixPath("/usr/lib/python3.11/os.py")
print(p.name, p.suffix, p.stem, p.parent, p.parts, p.anchor)
print(p.with_suffix(".pyc"), p.with_name("x.txt"), p.relative_to("/usr"), p.is_absolute())
print(PurePosixPath("a") / "b" / "c.tar.gz", PurePosixPath("a/b/c.tar.gz").suffixes)
print(p.match("*.py"), p.match("lib/*.py"), list(p.parents)[:2], repr(PurePosixPath("x/y")))
print(PurePosixPath("a/b") == PurePosixPath("a//b"), str(PurePosixPath("a/./b/")))
with tempfile.TemporaryDirectory() as d:
    base = Path(d)
    (base / "sub").mkdir()
    (base / "sub" / "deep").mkdir(parents=True, exist_ok=True)
    f = base / "sub" / "hello.txt"
    print(f.write_text("hi there\n"), f.read_text(), f.exists(), f.is_file(), f.is_dir())
    (base / "data.bin").write_bytes(b"\x00\x01")
    print((base / "data.bin").read_bytes(), (base / "data.bin").stat().st_size)
    print(sorted(x.name for x in base.iterdir()))
    print(sorted(str(x.relative_to(base)) for x in base.rglob("*")))
    print(sorted(x.name for x in base.glob("*.bin")))
    g = f.rename(base / "renamed.txt")
    print(g.name, f.exists(), g.exists())
    with g.open() as fh:
        print(fh.readline().strip())
    g.unlink()
    (base / "sub" / "deep").rmdir()
    print(sorted(x.name for x in (base / "sub").iterdir()), Path(d).is_dir())
print(isinstance(Path("."), pathlib.PosixPath), Path("/").is_dir())
