# faulthandler.enable(): a fatal signal in a child process prints "Fatal Python error: ..." and
# the tracebacks, then the process dies by that signal. Also disable() and file=.
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fhnorm import normalize

CHILD = """\
import faulthandler, os, signal, sys
{setup}
def crash():
    os.kill(os.getpid(), signal.{sig})
def outer():
    crash()
outer()
print("not reached")
"""


def run(sig, setup="faulthandler.enable()"):
    src = CHILD.format(sig=sig, setup=setup)
    p = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


for sig in ["SIGSEGV", "SIGFPE", "SIGABRT", "SIGBUS", "SIGILL"]:
    rc, out, err = run(sig)
    print(sig, rc, repr(out))
    print(normalize(err, {"<string>"}))
    print("---")

rc, out, err = run("SIGSEGV", "faulthandler.enable(all_threads=False)")
print("all_threads=False", rc)
print(normalize(err, {"<string>"}))
print("---")

rc, out, err = run("SIGSEGV", "faulthandler.enable(); print(faulthandler.disable(), faulthandler.is_enabled())")
print("disabled", rc, repr(out), repr(err))
print("---")

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "log")
    rc, out, err = run("SIGSEGV", f"faulthandler.enable(open({path!r}, 'w'))")
    print("file=", rc, repr(err))
    with open(path) as f:
        print(normalize(f.read(), {"<string>"}))
print("---")

# -X faulthandler and PYTHONFAULTHANDLER enable it at start-up.
check = "import faulthandler; print(faulthandler.is_enabled())"
print(subprocess.run([sys.executable, "-X", "faulthandler", "-c", check], capture_output=True, text=True).stdout, end="")
env = dict(os.environ, PYTHONFAULTHANDLER="1")
print(subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, env=env).stdout, end="")
print(subprocess.run([sys.executable, "-E", "-c", check], capture_output=True, text=True, env=env).stdout, end="")
env["PYTHONFAULTHANDLER"] = ""
print(subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, env=env).stdout, end="")
print("---")

# CPython's private helpers that provoke the faults.
HELPER = """\
import faulthandler
faulthandler.enable()
def fault():
    faulthandler.{name}()
fault()
"""
for name in ["_sigsegv", "_read_null", "_sigabrt", "_sigfpe", "_stack_overflow", "_fatal_error_c_thread"]:
    p = subprocess.run([sys.executable, "-c", HELPER.format(name=name)], capture_output=True, text=True)
    print(name, p.returncode, repr(p.stdout))
    print(normalize(p.stderr, {"<string>"}))
