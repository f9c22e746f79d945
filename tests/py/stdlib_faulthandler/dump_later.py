# faulthandler.dump_traceback_later(): a watchdog thread dumps every thread after the timeout,
# once or repeatedly, until cancelled; with exit=True the process then ends with status 1.
import faulthandler
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fhnorm import normalize

HERE = os.path.basename(__file__)


def wait_in_sleep(seconds):
    time.sleep(seconds)


def dump_later(timeout, pause, cancel=False, **kw):
    with tempfile.TemporaryFile("w+") as f:
        faulthandler.dump_traceback_later(timeout, file=f, **kw)
        if cancel:
            faulthandler.cancel_dump_traceback_later()
        wait_in_sleep(pause)
        faulthandler.cancel_dump_traceback_later()
        f.seek(0)
        return f.read()


print(normalize(dump_later(0.2, 1.0), {HERE}))
print("---")
print(repr(dump_later(0.5, 0.3, cancel=True)))
print("---")
# Headers: whole seconds, and fractions in microseconds.
text = dump_later(0.25, 1.2, repeat=True)
print(text.splitlines()[0])
print("repeated:", text.count("Timeout (") >= 2)
text = normalize(text, {HERE})
print(text[: text.index("Timeout", 1)])
print("---")
# A second call replaces the first.
with tempfile.TemporaryFile("w+") as f:
    faulthandler.dump_traceback_later(30, file=f)
    faulthandler.dump_traceback_later(1, file=f.fileno())
    wait_in_sleep(1.5)
    faulthandler.cancel_dump_traceback_later()
    f.seek(0)
    print(normalize(f.read(), {HERE}))
print("---")
faulthandler.cancel_dump_traceback_later()  # nothing to cancel

CHILD = """\
import faulthandler, time
def spin():
    time.sleep(10)
faulthandler.dump_traceback_later(0.2, exit=True)
spin()
print("not reached")
"""
p = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True)
print("exit=True:", p.returncode, repr(p.stdout))
print(normalize(p.stderr, {"<string>"}))
