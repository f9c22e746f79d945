# _thread.start_new_thread: arguments, kwargs, an exception escaping the function is reported
# as "Exception ignored in thread started by: FUNC" and the program carries on; SystemExit
# ends the thread silently; argument errors.
import _thread
import sys
import time

done = _thread.allocate_lock()
results = []


def work(a, b, c=None):
    results.append((a, b, c))
    done.release()


done.acquire()
_thread.start_new_thread(work, (1, 2), {"c": 3})
done.acquire()
print(results)


def fail(x):
    try:
        raise ValueError(f"failed with {x}")
    finally:
        done.release()


_thread.start_new_thread(fail, ("arg",))
done.acquire()
time.sleep(0.05)  # let the thread write its report and exit
sys.stderr.flush()
print("main continues")


def leave():
    try:
        raise SystemExit(4)
    finally:
        done.release()


_thread.start_new_thread(leave, ())
done.acquire()
time.sleep(0.02)
print("SystemExit in a thread is silent")

for label, args in [
    ("not callable", (1, ())),
    ("args not a tuple", (work, [1, 2])),
    ("kwargs not a dict", (work, (1, 2), [("c", 3)])),
    ("no args", (work,)),
]:
    try:
        _thread.start_new_thread(*args)
    except TypeError as e:
        print(label, "TypeError", e)
print(_thread.start_new is _thread.start_new_thread or _thread.start_new.__name__)
done.release()
