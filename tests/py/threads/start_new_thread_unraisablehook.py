# An exception escaping a function run by _thread.start_new_thread goes through
# sys.unraisablehook: a custom hook receives the UnraisableHookArgs; sys.__unraisablehook__
# is the default, which prints the "Exception ignored in thread started by" report.
import _thread
import sys
import time

from _norm import CapturedStderr

done = _thread.allocate_lock()
done.acquire()
seen = []


def hook(u):
    seen.append((type(u).__name__, u.exc_type.__name__, str(u.exc_value), u.err_msg,
                 u.object is fail, u.exc_traceback is not None))


def fail(x):
    try:
        raise ValueError(f"failed with {x}")
    finally:
        done.release()


print(sys.unraisablehook is sys.__unraisablehook__)
sys.unraisablehook = hook
_thread.start_new_thread(fail, (2,))
done.acquire()
time.sleep(0.05)  # let the thread call the hook and exit
print(seen)

sys.unraisablehook = sys.__unraisablehook__
with CapturedStderr() as cap:
    _thread.start_new_thread(fail, (3,))
    done.acquire()
    time.sleep(0.05)
print(cap.text.replace(hex(id(fail)), "ADDR"))
