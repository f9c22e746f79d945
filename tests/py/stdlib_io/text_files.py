# Text and binary files: encodings, newline modes, readline/readlines/iteration, seek/tell, with.
import os

name = "_pystm_io_text_files.tmp"
try:
    with open(name, "w", encoding="utf-8") as f:
        print(f.write("h\u00e9llo\nw\u00f6rld\n"), f.encoding, f.mode, f.name)
    print(f.closed)
    with open(name, "rb") as f:
        print(f.read())
    with open(name, encoding="utf-8") as f:
        print(f.readline(), end="")
        print(f.tell())
        print(f.readlines())
    with open(name, encoding="latin-1") as f:
        print(repr(f.read()))
    with open(name, "w", encoding="utf-16") as f:
        f.write("ab\n")
    with open(name, "rb") as f:
        print(f.read())
    with open(name, encoding="utf-16") as f:
        print(repr(f.read()))
    with open(name, "w", newline="\r\n") as f:
        f.write("x\ny\n")
    with open(name, "rb") as f:
        print(f.read())
    with open(name, newline="") as f:
        print(list(f))
    with open(name) as f:
        print(list(f))
    with open(name, "a") as f:
        f.write("z")
    with open(name, "r+b") as f:
        f.seek(2)
        print(f.read(3), f.tell())
        f.seek(-1, 2)
        print(f.read())
    with open(name, "wb") as f:
        print(f.write(b"\x00\x01\xff"))
    with open(name, "rb", buffering=0) as f:
        print(type(f).__name__, f.read(), f.read())
    print(os.path.getsize(name))
    try:
        open(name, "rt", encoding="ascii").read()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError", e)
    for mode in ["rw", "rbt", "q"]:
        try:
            open(name, mode)
        except ValueError as e:
            print("ValueError", e)
    try:
        open("_pystm_no_such_file.txt")
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno, e.filename)
finally:
    os.remove(name)
print(os.path.exists(name))
