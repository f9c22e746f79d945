"""Helpers for the thread tests: capture what a thread writes on stderr and strip the frames of
standard-library files from tracebacks (their paths and line numbers depend on which copy of the
library the interpreter runs)."""
import io
import os
import re
import sys

_FILE = re.compile(r'^  File "(/[^"]*/)([^"/]+)", line \d+, in (.*)$')
_HERE = os.path.dirname(os.path.abspath(__file__)) + "/"


def normalize(text):
    out = []
    skipping = False
    for line in text.splitlines():
        m = _FILE.match(line)
        if m and m.group(1) != _HERE:
            out.append(f'  File "<lib>/{m.group(2)}", in {m.group(3)}')
            skipping = True
            continue
        if skipping and line.startswith("    "):
            continue
        skipping = False
        out.append(line)
    return "\n".join(out)


class CapturedStderr:
    """with CapturedStderr() as cap: ... ; cap.text is what was written, normalized."""

    def __enter__(self):
        self._saved = sys.stderr
        self._buf = io.StringIO()
        sys.stderr = self._buf
        self.text = ""
        return self

    def __exit__(self, *exc):
        sys.stderr = self._saved
        self.text = normalize(self._buf.getvalue())
        return False
