# open() with an encoding that has no native text decoder (utf-7, cp1252, cp437, ...): reading,
# writing, newline modes, attributes, fileinput's hook_encoded, and unknown encodings.
import fileinput
import io
import os
import tempfile

d = tempfile.mkdtemp()
path = os.path.join(d, "enc.txt")

with open(path, "wb") as f:
    f.write(b"A\nB\r\nC\rD+IKw-")
with open(path, encoding="utf-7") as f:
    print(type(f).__name__, isinstance(f, io.TextIOWrapper), isinstance(f, io.TextIOBase))
    print(f.encoding, f.errors, f.mode, f.name == path, f.readable(), f.writable(), f.closed)
    print(f.readlines())
print(f.closed)
for nl in (None, "", "\n", "\r", "\r\n"):
    with open(path, encoding="utf-7", newline=nl) as f:
        print(ascii(nl), [ascii(x) for x in f])
with open(path, encoding="UTF-7") as f:
    print(ascii(f.read()))
    print(ascii(f.read()), ascii(f.readline()))

with fileinput.FileInput(files=path, openhook=fileinput.hook_encoded("utf-7")) as fi:
    print([ascii(x) for x in fi])
try:
    with fileinput.FileInput(files=path, mode="rb", openhook=fileinput.hook_encoded("utf-7")) as fi:
        list(fi)
except ValueError as e:
    print("ValueError", e)

with open(path, "w", encoding="utf-7") as f:
    print(f.write("1 + 1 = \u2462\n"), f.encoding, f.mode)
    f.write("caf\xe9\n")
with open(path, "rb") as f:
    print(f.read())
with open(path, encoding="utf-7") as f:
    print([ascii(x) for x in f])

with open(path, "w", encoding="cp1252", newline="\r\n") as f:
    f.write("\u20ac 5\nna\xefve\n")
with open(path, "rb") as f:
    print(f.read())
with open(path, encoding="cp1252") as f:
    print([ascii(x) for x in f])
with open(path, encoding="cp437", errors="replace") as f:
    print(ascii(f.read()))
with open(path, "a", encoding="cp1252") as f:
    f.write("\xfc\n")
with open(path, "r+", encoding="cp1252") as f:
    print(ascii(f.read()))

with open(path, "wb") as f:
    f.write(b"ok\n\x81x\n")
try:
    with open(path, encoding="cp1252") as f:
        f.read()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
with open(path, encoding="cp1252", errors="surrogateescape") as f:
    print(ascii(f.read()))

# Unknown and non-text encodings.
for enc in ("no-such-encoding", "rot13"):
    for mode in ("r", "w"):
        try:
            open(path, mode, encoding=enc)
        except LookupError as e:
            print(mode, "LookupError", e)
try:
    open(path, "rb", encoding="utf-7")
except ValueError as e:
    print("ValueError", e)
os.unlink(path)
os.rmdir(d)
