# pystm-env: PYSTM_STM=parallel
# After a fatal signal: "Extension modules: ..." lists the built-in modules of sys.modules that
# sys.stdlib_module_names does not name, and a crash in a finalizer that a collection runs says
# "Garbage-collecting". (The children run with the STM off, as a one-thread program does:
# with it engaged from the start, the list is left out, since reading sys.modules inside a
# signal handler could abort the transaction.)
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fhnorm import normalize


def run(src):
    p = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True)
    return p.returncode, p.stderr


EXT = """\
import faulthandler, sys
{setup}
faulthandler.enable()
faulthandler._sigsegv()
"""

rc, err = run(EXT.format(setup="sys.stdlib_module_names = frozenset()"))
m = re.search(r"^Extension modules: (.*) \(total: ([0-9]+)\)$", err, re.MULTILINE)
names = m.group(1).split(", ")
print(rc, "sys" in names, "faulthandler" in names, int(m.group(2)) == len(names))

# Every built-in module is in the standard library: no list at all.
rc, err = run(EXT.format(setup=""))
print(rc, "Extension modules" in err)
print(normalize(err, {"<string>"}))

GC = """\
import faulthandler, gc

class RefCycle:
    def __del__(self):
        faulthandler._sigsegv()

faulthandler.enable()
a = RefCycle()
a.cycle = a
a = None
gc.collect()
print("not reached")
"""
rc, err = run(GC)
print(rc)
print(normalize(err, {"<string>"}))

print(type(sys.stdlib_module_names).__name__, len(sys.stdlib_module_names))
print(all(n in sys.stdlib_module_names for n in ("os", "sys", "threading", "_thread", "asyncio")))
