# threading.RLock: re-entrancy, ownership across threads, errors, repr, _is_owned.
import re
import threading

rl = threading.RLock()
print(type(rl).__name__, type(rl).__module__)


def plain(r):
    return re.sub(r"0x[0-9a-f]+", "ADDR", re.sub(r"owner=[1-9]\d*", "owner=N", repr(r)))


print(plain(rl))
print(rl.acquire(), rl.acquire(), rl.acquire(blocking=False))
print(plain(rl), rl._is_owned())
rl.release()
rl.release()
print(plain(rl))
rl.release()
print(plain(rl), rl._is_owned())

try:
    rl.release()
except RuntimeError as e:
    print("RuntimeError", e)

# Another thread can neither release nor acquire (without waiting) an RLock held by us.
rl.acquire()
seen = []


def other():
    seen.append(rl._is_owned())
    seen.append(rl.acquire(blocking=False))
    seen.append(rl.acquire(timeout=0.02))
    try:
        rl.release()
    except RuntimeError as e:
        seen.append(str(e))


t = threading.Thread(target=other)
t.start()
t.join()
print(seen)
rl.release()

# Once released, the other thread can take it, several times over.
def other2():
    with rl:
        with rl:
            seen.append(rl._is_owned())
    seen.append(rl._is_owned())


seen.clear()
t = threading.Thread(target=other2)
t.start()
t.join()
print(seen)

# A blocked acquire waits until the owner has released every level.
rl.acquire()
rl.acquire()
got = threading.Event()
started = threading.Event()


def waiter():
    started.set()
    with rl:
        got.set()


t = threading.Thread(target=waiter)
t.start()
started.wait()
rl.release()
print("after one release:", got.wait(0.05))
rl.release()
t.join()
print("after the last release:", got.is_set())

# _release_save / _acquire_restore (used by Condition) keep the recursion count.
rl.acquire()
rl.acquire()
state = rl._release_save()
print(state[0], plain(rl))
rl._acquire_restore(state)
print(plain(rl))
rl.release()
rl.release()

with rl:
    print("with:", rl._is_owned())
print("after with:", rl._is_owned())

try:
    rl.acquire(False, 1)
except ValueError as e:
    print("ValueError", e)
