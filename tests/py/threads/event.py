# threading.Event: set/clear/is_set/wait with and without timeouts, waking many waiters.
import threading
import time

e = threading.Event()
print(e.is_set(), e.isSet is not None)
start = time.monotonic()
print(e.wait(0.03), time.monotonic() - start >= 0.02)
print(e.wait(0), e.wait(-1))
e.set()
print(e.is_set(), e.wait(), e.wait(0), e.wait(5))
e.set()
e.clear()
print(e.is_set(), e.wait(0.001))

# Every waiter wakes on set(), and wait() returns True for each.
results = []
lock = threading.Lock()


def waiter(i):
    r = e.wait(30)
    with lock:
        results.append((i, r))


threads = [threading.Thread(target=waiter, args=(i,)) for i in range(6)]
for t in threads:
    t.start()
time.sleep(0.02)
print("none woke before set:", results == [])
e.set()
for t in threads:
    t.join()
print(sorted(results))

# Waiters that time out see False; a set() after they gave up doesn't matter.
e.clear()
results.clear()
threads = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
waiter_timeout = [threading.Thread(target=lambda: results.append(("t", e.wait(0.01))))]
for t in waiter_timeout:
    t.start()
    t.join()
print(results)
results.clear()
for t in threads:
    t.start()
e.set()
for t in threads:
    t.join()
print(sorted(results))

# Ping-pong between two threads with two events.
ping, pong = threading.Event(), threading.Event()
log = []


def player():
    for i in range(5):
        ping.wait()
        ping.clear()
        log.append(("pong", i))
        pong.set()


t = threading.Thread(target=player)
t.start()
for i in range(5):
    log.append(("ping", i))
    ping.set()
    pong.wait()
    pong.clear()
t.join()
print(log)
