# Thread.join(timeout): returns after the timeout while the thread still runs; join() later
# waits for it; join(0) and negative/None timeouts.
import threading
import time

gate = threading.Event()
t = threading.Thread(target=gate.wait)
t.start()
start = time.monotonic()
print(t.join(0.05))
waited = time.monotonic() - start
print("waited at least the timeout:", waited >= 0.04)
print("alive after timed join:", t.is_alive())
t.join(0)
t.join(-1)
print("alive after join(0)/join(-1):", t.is_alive())
gate.set()
t.join(None)
print("alive after join(None):", t.is_alive())
t.join(0.01)
print("join of a finished thread returns at once")

# A timed join returns as soon as the thread ends, well before a long timeout.
t2 = threading.Thread(target=time.sleep, args=(0.02,))
t2.start()
start = time.monotonic()
t2.join(30)
print("returned early:", time.monotonic() - start < 10, t2.is_alive())

try:
    t2.join("soon")
except TypeError as e:
    print("TypeError", e)
