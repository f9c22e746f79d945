# A blocking acquire of a held lock wakes for signals: a handler may release the lock, and an
# exception raised by a handler (KeyboardInterrupt) interrupts the wait.
import _thread
import signal

l = _thread.allocate_lock()
l.acquire()
signal.signal(signal.SIGALRM, lambda *a: l.release())
signal.setitimer(signal.ITIMER_REAL, 0.05)
print(l.acquire())

def interrupt(*a):
    raise KeyboardInterrupt

signal.signal(signal.SIGALRM, interrupt)
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    l.acquire()
except KeyboardInterrupt:
    print("KeyboardInterrupt", l.locked())
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    l.acquire(timeout=30)
except KeyboardInterrupt:
    print("KeyboardInterrupt with timeout")

r = _thread.RLock()
signal.signal(signal.SIGALRM, lambda *a: print("handler ran"))
signal.setitimer(signal.ITIMER_REAL, 0.02)
print(l.acquire(timeout=0.2))
