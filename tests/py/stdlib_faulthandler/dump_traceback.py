# faulthandler.dump_traceback(): the current thread's stack, all threads' stacks (one of them
# blocked in Event.wait), to a file object and to a raw descriptor.
import faulthandler
import os
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fhnorm import normalize, tid

HERE = os.path.basename(__file__)


def dump_to_file(**kw):
    with tempfile.TemporaryFile("w+") as f:
        f.write("before\n")  # buffered: dump_traceback flushes the file first
        faulthandler.dump_traceback(f, **kw)
        f.seek(0)
        return f.read()


def inner(**kw):
    return dump_to_file(**kw)


def outer(**kw):
    return inner(**kw)


text = outer(all_threads=False)
print(normalize(text, {HERE}))
print("---")
text = outer()
print(normalize(text, {HERE}))
print("current thread labelled:", f"Current thread {tid(threading.get_ident())}" in text)
print("---")

started = threading.Event()
release = threading.Event()


def worker():
    started.set(); release.wait()


t = threading.Thread(target=worker)
t.start()
started.wait()
text = outer()
release.set()
t.join()
print(normalize(text, {HERE}))
print("worker labelled:", f"Thread {tid(t.ident)} (most recent call first):" in text)
print("threads:", text.count("(most recent call first):"))
print("---")

# A raw descriptor: nothing to flush, written as is.
r, w = os.pipe()
faulthandler.dump_traceback(w, all_threads=False)
os.close(w)
with os.fdopen(r) as rf:
    print(normalize(rf.read(), {HERE}))
print("---")


# Names are written with non-ASCII characters escaped.
ns = {"dump_to_file": dump_to_file}
exec(compile("def f\u00e9(): return dump_to_file(all_threads=False)\n"
             "def g\u03bb(): return f\u00e9()\n", "<caf\u00e9>", "exec"), ns)
print(normalize(ns["g\u03bb"](), {HERE, "<caf\\xe9>"}))
