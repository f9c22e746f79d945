# The default threading.excepthook: an exception escaping a thread's run() is reported on
# sys.stderr ("Exception in thread NAME:" and the traceback), the thread ends, and the
# other threads and the main thread carry on. SystemExit ends the thread silently.
import threading

from _norm import CapturedStderr

print(threading.excepthook is threading.__excepthook__)


def fails(n):
    raise ValueError(f"bad value {n}")


def nested():
    try:
        {}["key"]
    except KeyError as e:
        raise RuntimeError("while handling") from e


def exits():
    raise SystemExit(3)


class Failing(threading.Thread):
    def run(self):
        1 / 0


progress = []
with CapturedStderr() as cap:
    t = threading.Thread(target=fails, args=(7,), name="failer")
    t.start()
    t.join()
    progress.append("after failer")
    t = threading.Thread(target=nested)
    t.start()
    t.join()
    t = threading.Thread(target=exits)
    t.start()
    t.join()
    t = Failing()
    t.start()
    t.join()
    ok = threading.Thread(target=progress.append, args=("still running",))
    ok.start()
    ok.join()
print(cap.text)
print(progress, t.is_alive())

# Exceptions in two threads at once are both reported, each once.
barrier = threading.Barrier(2)


def fail_together(tag):
    barrier.wait()
    raise LookupError(tag)


with CapturedStderr() as cap:
    ts = [threading.Thread(target=fail_together, args=(tag,), name=tag) for tag in ("A", "B")]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
lines = cap.text.splitlines()
print(sorted(l for l in lines if l.startswith(("Exception in", "LookupError"))))
print("main thread finished normally")
