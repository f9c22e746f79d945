# threading.Lock / _thread.allocate_lock: acquire, release, blocking, timeout, locked(),
# context manager, errors, release by another thread.
import _thread
import re
import threading
import time

lock = threading.Lock()
print(type(lock) is _thread.LockType, type(lock).__name__, type(lock).__module__)
print(re.sub(r"0x[0-9a-f]+", "ADDR", repr(lock)))
print(lock.acquire(), lock.locked())
print(re.sub(r"0x[0-9a-f]+", "ADDR", repr(lock)))
print(lock.acquire(False), lock.acquire(blocking=False), lock.acquire(timeout=0))
start = time.monotonic()
print(lock.acquire(True, 0.05), time.monotonic() - start >= 0.04)
lock.release()
print(lock.locked())

for label, fn in [
    ("release unlocked", lock.release),
    ("timeout without blocking", lambda: lock.acquire(False, 1)),
    ("negative timeout", lambda: lock.acquire(timeout=-2)),
    ("huge timeout", lambda: lock.acquire(timeout=1e100)),
    ("bad timeout type", lambda: lock.acquire(timeout="x")),
]:
    try:
        fn()
    except Exception as e:
        print(label, type(e).__name__, e)
print(lock.locked())

with lock:
    print("inside with:", lock.locked())
print("after with:", lock.locked())
try:
    with lock:
        raise KeyError("k")
except KeyError:
    print("released after exception:", not lock.locked())

# A plain lock may be released by a thread other than the one that acquired it.
lock.acquire()
t = threading.Thread(target=lock.release)
t.start()
t.join()
print("released by another thread:", not lock.locked())

# A thread blocked in acquire() wakes up when the holder releases.
lock.acquire()
got = []


def waiter():
    got.append(lock.acquire(timeout=30))
    lock.release()


t = threading.Thread(target=waiter)
t.start()
time.sleep(0.02)
print("waiter still blocked:", got == [])
lock.release()
t.join()
print("waiter got the lock:", got)

# A timed-out acquire in another thread returns False.
lock.acquire()
t = threading.Thread(target=lambda: got.append(lock.acquire(timeout=0.02)))
t.start()
t.join()
lock.release()
print(got)

l2 = _thread.allocate_lock()
print(l2.acquire_lock(), l2.locked_lock())
l2.release_lock()
print(l2.locked())
print(_thread.TIMEOUT_MAX > 1000)
try:
    _thread.LockType()
except TypeError as e:
    print("TypeError", e)
