# faulthandler.register() / unregister(): a user signal dumps the tracebacks; with chain=True the
# previous handler (here a Python one) runs too.
import faulthandler
import os
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fhnorm import normalize

HERE = os.path.basename(__file__)


def send():
    os.kill(os.getpid(), signal.SIGUSR1)
    time.sleep(0.05)  # Python-level handlers run at the next check


def dump_on_signal(**kw):
    with tempfile.TemporaryFile("w+") as f:
        faulthandler.register(signal.SIGUSR1, file=f, **kw)
        send()
        print("unregister:", faulthandler.unregister(signal.SIGUSR1))
        f.seek(0)
        return f.read()


print(normalize(dump_on_signal(), {HERE}))
print("---")
print(normalize(dump_on_signal(all_threads=False), {HERE}))
print("---")
print("unregister again:", faulthandler.unregister(signal.SIGUSR1))

calls = []
signal.signal(signal.SIGUSR1, lambda signum, frame: calls.append(signum))
print(normalize(dump_on_signal(chain=True), {HERE}))
print("chained handler ran:", calls == [signal.SIGUSR1])
print("handler kept:", signal.getsignal(signal.SIGUSR1) is not signal.SIG_DFL)
send()
print("after unregister:", calls == [signal.SIGUSR1, signal.SIGUSR1])
print("---")

# Registering twice replaces the file and options.
with tempfile.TemporaryFile("w+") as f1, tempfile.TemporaryFile("w+") as f2:
    faulthandler.register(signal.SIGUSR2, file=f1)
    faulthandler.register(signal.SIGUSR2, file=f2, all_threads=False)
    os.kill(os.getpid(), signal.SIGUSR2)
    print("unregister:", faulthandler.unregister(signal.SIGUSR2))
    f1.seek(0)
    f2.seek(0)
    print(repr(f1.read()))
    print(normalize(f2.read(), {HERE}))
