# PYTHONIOENCODING "encoding[:errors]" sets the standard streams' encoding and errors handler.
import os, subprocess, sys
code = ("import sys; print(sys.stdin.encoding, sys.stdin.errors, sys.stdout.encoding, "
        "sys.stdout.errors, sys.stderr.encoding, sys.stderr.errors); print('\\xe9\\u20ac')")
for v in ("ascii", "ascii:backslashreplace", "latin-1:replace", "utf-8:strict", ":replace", "UTF8", "ascii:"):
    env = dict(os.environ, PYTHONIOENCODING=v)
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True)
    print(v, r.returncode, r.stdout, r.stderr.splitlines()[-1:] if r.returncode else b"")
