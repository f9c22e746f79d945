# A custom threading.excepthook receives (exc_type, exc_value, exc_traceback, thread) and
# the other threads keep running; an exception in the hook itself is reported as "Exception
# in threading.excepthook"; restoring __excepthook__ brings back the default report.
import threading
import traceback

from _norm import CapturedStderr

calls = []


def hook(args):
    calls.append((args.exc_type.__name__, str(args.exc_value), args.thread.name,
                  type(args).__name__, len(args),
                  traceback.extract_tb(args.exc_traceback)[-1].name))


threading.excepthook = hook


def boom(msg):
    raise OSError(msg)


ts = [threading.Thread(target=boom, args=(f"m{i}",), name=f"t{i}") for i in range(3)]
ok = []
ts.append(threading.Thread(target=ok.append, args=(1,), name="fine"))
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(calls))
print(ok)

# SystemExit reaches a custom hook too (only the default hook ignores it).
def leave(code):
    raise SystemExit(code)


calls.clear()
t = threading.Thread(target=leave, args=(5,))
t.start()
t.join()
print("SystemExit calls:", calls)

# ExceptHookArgs is a structseq-like tuple.
args = None


def keep(a):
    global args
    args = a


threading.excepthook = keep
t = threading.Thread(target=boom, args=("x",), name="kept")
t.start()
t.join()
print(type(args).__name__, args.exc_type, args.thread is t,
      args[0] is args.exc_type, args[3] is t)


# A hook that fails: Python reports the failure of the hook itself.
def broken_hook(a):
    raise TypeError("hook failed")


threading.excepthook = broken_hook
with CapturedStderr() as cap:
    t = threading.Thread(target=boom, args=("y",), name="double")
    t.start()
    t.join()
print(cap.text)

threading.excepthook = threading.__excepthook__
with CapturedStderr() as cap:
    t = threading.Thread(target=boom, args=("z",), name="default-again")
    t.start()
    t.join()
print(cap.text)

# Calling the default hook directly with a thread of None.
with CapturedStderr() as cap:
    try:
        raise KeyError("direct")
    except KeyError as e:
        threading.excepthook(threading.ExceptHookArgs((KeyError, e, e.__traceback__, None)))
print(cap.text.replace(str(threading.get_ident()), "IDENT"))
