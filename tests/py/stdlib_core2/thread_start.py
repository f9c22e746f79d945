# threading's primitives used from the main thread alone (tests/py/threads has the threaded ones).
import threading
print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), threading.get_ident() == threading.main_thread().ident)
lock = threading.Lock()
with lock:
    print(lock.locked())
rl = threading.RLock()
with rl:
    with rl:
        print("reentrant")
cond = threading.Condition()
with cond:
    print(cond.wait(0.01))
ev = threading.Event()
print(ev.is_set(), ev.wait(0.01))
ev.set()
print(ev.wait())
sem = threading.BoundedSemaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(timeout=0.01))
sem.release()
try:
    sem.release(); sem.release()
except ValueError as e:
    print(e)
loc = threading.local()
loc.x = 3
print(loc.x)
