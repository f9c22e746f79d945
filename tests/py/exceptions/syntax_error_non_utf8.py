# Source that is not UTF-8: a script file without an encoding declaration gets CPython's
# "Non-UTF-8 code" SyntaxError (no location); compile() of bytes reports the decoding error with
# the line's text decoded with U+FFFD. A SyntaxError without lineno prints no location.
import os
import subprocess
import sys
import tempfile

sys.stderr = sys.stdout

with tempfile.TemporaryDirectory() as d:
    for name, data in [("one.py", b"\x89"), ("two.py", b"x = 1\ny = '\x89'\n"),
                       ("declared.py", b"# -*- coding: latin-1 -*-\nprint('\xe9')\n")]:
        path = os.path.join(d, name)
        with open(path, "wb") as f:
            f.write(data)
        r = subprocess.run([sys.executable, path], capture_output=True)
        print(name, r.returncode, r.stdout.decode().replace(d, "DIR"),
              r.stderr.decode().replace(d, "DIR").splitlines()[-1:])

try:
    compile(b"x = 1\n\x89", "f.py", "exec")
except SyntaxError as e:
    print(e.lineno, repr(e.text))

for e in [SyntaxError("x"), SyntaxError("m", ("f.py", None, 1, "t")),
          SyntaxError("m", (None, 3, 1, "abc\n")), SyntaxError("m", ("f.py", 2, None, None))]:
    try:
        raise e
    except SyntaxError:
        sys.__excepthook__(*sys.exc_info())
