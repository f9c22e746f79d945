# threading.Condition: wait/notify/notify_all/wait_for, timeouts, the underlying lock, errors.
import threading
import time

cond = threading.Condition()
print(type(cond._lock).__name__)
print(cond.acquire(), cond._is_owned())
cond.release()

for label, fn in [
    ("wait unowned", cond.wait),
    ("notify unowned", cond.notify),
    ("notify_all unowned", cond.notify_all),
    ("wait_for unowned", lambda: cond.wait_for(lambda: True)),
]:
    try:
        fn()
    except RuntimeError as e:
        print(label, "RuntimeError", e)

# Timed wait without a notify returns False; wait_for returns the predicate's last value.
with cond:
    start = time.monotonic()
    print("wait timeout:", cond.wait(0.03), time.monotonic() - start >= 0.02)
    print("wait_for true at once:", cond.wait_for(lambda: 42, timeout=0))
    print("wait_for timeout:", cond.wait_for(lambda: [], timeout=0.02))
    print("still owned:", cond._is_owned())

# notify(n) wakes at most n waiters; notify_all wakes the rest.
items = []
woken = []
ready = threading.Semaphore(0)


def consumer(i):
    with cond:
        ready.release()
        cond.wait_for(lambda: items)
        woken.append(i)
        items.pop()


threads = [threading.Thread(target=consumer, args=(i,)) for i in range(5)]
for t in threads:
    t.start()
for _ in threads:
    ready.acquire()
with cond:
    print("waiters:", len(cond._waiters))
    items.append("a")
    cond.notify()
for t in threads:
    t.join(0.05)
print("woken after one item:", len(woken))
with cond:
    items.extend("bcd")
    cond.notify(2)
time.sleep(0.05)
with cond:
    items.append("e")
    cond.notify_all()
for t in threads:
    t.join()
print("woken:", sorted(woken), "items left:", items)

# A waiter given a timeout wakes up on notify before the timeout expires.
flag = []


def timed_waiter():
    with cond:
        ready.release()
        flag.append(cond.wait(30))


t = threading.Thread(target=timed_waiter)
t.start()
ready.acquire()
with cond:
    cond.notify()
t.join()
print("notified waiter returned:", flag)

# Condition over an explicit Lock (not re-entrant) and over an RLock held twice.
plain = threading.Condition(threading.Lock())
with plain:
    print("Lock-based wait:", plain.wait(0.01), plain._is_owned())
rcond = threading.Condition(threading.RLock())
with rcond:
    with rcond:
        print("RLock-based wait:", rcond.wait(0.01), rcond._lock._is_owned())
print("RLock released:", not rcond._lock._is_owned())
print(threading.Condition.notifyAll is not None)
with cond:
    cond.notify(0)
    cond.notify(10)
print("notify with no waiters is fine")
