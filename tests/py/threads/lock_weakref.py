# Locks, RLocks and thread-local objects accept weak references, as in CPython
# (threading.Condition and concurrent.futures keep weak references to them).
import _thread
import threading
import weakref

for make in (_thread.allocate_lock, _thread.RLock, threading.Lock, threading.RLock,
             threading.local, threading.Condition, threading.Semaphore, threading.Event):
    o = make()
    r = weakref.ref(o)
    print(type(o).__name__, r() is o, weakref.getweakrefcount(o))

lock = threading.Lock()
keyed = weakref.WeakKeyDictionary({lock: "held"})
group = weakref.WeakSet([lock, threading.RLock()])
with lock:
    print(keyed[lock], lock in group, lock.locked())


class Sub(threading.local):
    pass


s = Sub()
print(weakref.ref(s)() is s)
