# threading.Timer: runs its function once after the interval; cancel() before it fires stops it.
import threading
import time

fired = []
t = threading.Timer(0.02, fired.append, args=("a",))
print(type(t).__mro__[1].__name__, t.interval, t.daemon)
start = time.monotonic()
t.start()
t.join()
print(fired, time.monotonic() - start >= 0.015, t.finished.is_set())

t = threading.Timer(10, fired.append, args=("never",))
t.start()
time.sleep(0.01)
t.cancel()
t.join()
print(fired, t.is_alive(), t.finished.is_set())

# Cancelling before start: the thread ends at once without calling the function.
t = threading.Timer(0.01, fired.append, args=("cancelled",))
t.cancel()
t.start()
t.join()
print(fired)

# kwargs, a zero interval, and cancel() after it fired is harmless.
out = {}
t = threading.Timer(0, lambda **kw: out.update(kw), kwargs={"x": 1, "y": 2})
t.start()
t.join()
t.cancel()
print(out)

# Several timers, each fires exactly once.
lock = threading.Lock()
count = [0]


def bump():
    with lock:
        count[0] += 1


timers = [threading.Timer(0.001 * i, bump) for i in range(9)] + [threading.Timer(10, bump)]
for t in timers:
    t.start()
timers[9].cancel()
for t in timers:
    t.join()
print(count[0])

