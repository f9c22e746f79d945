# threading.Barrier: parties, n_waiting, wait() indices, action, timeout, abort, reset,
# BrokenBarrierError.
import threading
import time

print(threading.BrokenBarrierError.__mro__[1].__name__)
b = threading.Barrier(3)
print(b.parties, b.n_waiting, b.broken)

indices = []
lock = threading.Lock()


def party():
    i = b.wait()
    with lock:
        indices.append(i)


for rounds in range(3):
    threads = [threading.Thread(target=party) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
print(sorted(indices), b.n_waiting, b.broken)

# n_waiting counts the threads blocked in wait().
threads = [threading.Thread(target=party) for _ in range(2)]
for t in threads:
    t.start()
while b.n_waiting < 2:
    time.sleep(0.001)
print("n_waiting:", b.n_waiting)
indices.clear()
print("last arriver index:", b.wait())
for t in threads:
    t.join()
print(sorted(indices))

# The action runs once per round, in one of the parties, before any of them is released.
actions = []
ab = threading.Barrier(4, action=lambda: actions.append(len(actions)))
threads = [threading.Thread(target=ab.wait) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("actions:", actions)

# A failing action breaks the barrier for everyone.
errors = []


def bad_action():
    raise ValueError("action failed")


def party_on(bar):
    try:
        bar.wait()
    except threading.BrokenBarrierError:
        errors.append("broken")
    except ValueError as e:
        errors.append("ValueError " + str(e))


fb = threading.Barrier(3, action=bad_action)
threads = [threading.Thread(target=party_on, args=(fb,)) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(errors), fb.broken)

# A timed-out wait breaks the barrier; the waiting threads get BrokenBarrierError.
errors.clear()
tb = threading.Barrier(3, timeout=0.05)
t = threading.Thread(target=party_on, args=(tb,))
t.start()
try:
    tb.wait()
except threading.BrokenBarrierError:
    errors.append("timeout broke it")
t.join()
print(sorted(errors), tb.broken)
try:
    tb.wait()
except threading.BrokenBarrierError as e:
    print("waiting on a broken barrier:", type(e).__name__, repr(str(e)))

# reset() repairs it.
tb.reset()
print("after reset:", tb.broken, tb.n_waiting)

# abort() releases the current waiters with BrokenBarrierError.
errors.clear()
ab2 = threading.Barrier(5)
threads = [threading.Thread(target=party_on, args=(ab2,)) for _ in range(3)]
for t in threads:
    t.start()
while ab2.n_waiting < 3:
    time.sleep(0.001)
ab2.abort()
for t in threads:
    t.join()
print(errors, ab2.broken)
ab2.reset()
print(ab2.broken)

# wait(timeout) per call.
wb = threading.Barrier(2)
try:
    wb.wait(0.01)
except threading.BrokenBarrierError:
    print("per-call timeout broke it:", wb.broken)

try:
    threading.Barrier(0)
except ValueError as e:
    print("ValueError", e)
print(threading.Barrier(1).wait())
