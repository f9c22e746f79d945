# threading.Semaphore and BoundedSemaphore: counting, blocking, timeouts, release(n), errors.
import threading
import time

s = threading.Semaphore(2)
print(s.acquire(), s.acquire(), s.acquire(blocking=False), s._value)
start = time.monotonic()
print(s.acquire(timeout=0.03), time.monotonic() - start >= 0.02)
s.release()
s.release(3)
print(s._value)
with s:
    print("inside with:", s._value)
print("after with:", s._value)

for label, fn in [
    ("negative initial", lambda: threading.Semaphore(-1)),
    ("release(0)", lambda: s.release(0)),
    ("timeout without blocking", lambda: s.acquire(False, 1)),
]:
    try:
        fn()
    except ValueError as e:
        print(label, "ValueError", e)

b = threading.BoundedSemaphore(2)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("bounded over-release: ValueError", e)
b.acquire()
b.acquire()
try:
    b.release(3)
except ValueError as e:
    print("bounded release(3): ValueError", e)
b.release(2)
print("bounded value:", b._value, b._initial_value)

# At most N threads are inside a Semaphore(N) at once.
limit = threading.Semaphore(3)
guard = threading.Lock()
inside = 0
peak = 0
done = 0


def worker():
    global inside, peak, done
    for _ in range(5):
        with limit:
            with guard:
                inside += 1
                peak = max(peak, inside)
            time.sleep(0.002)
            with guard:
                inside -= 1
                done += 1


threads = [threading.Thread(target=worker) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("peak <= 3:", peak <= 3, "done:", done, "inside:", inside, "value:", limit._value)

# release(n) wakes n blocked threads.
zero = threading.Semaphore(0)
got = []
threads = [threading.Thread(target=lambda: got.append(zero.acquire(timeout=30))) for _ in range(4)]
for t in threads:
    t.start()
zero.release(4)
for t in threads:
    t.join()
print(got, zero._value)
print(threading.Semaphore().acquire(), threading.BoundedSemaphore()._initial_value)
