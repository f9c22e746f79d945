# threads
# A counter protected by a threading.Lock, another by an RLock taken twice, and a
# Condition-guarded handoff counter are exact after all threads finish.
import sys
import threading

NTHREADS = int(sys.argv[1])
PER_THREAD = 40000 // NTHREADS
lock = threading.Lock()
rlock = threading.RLock()
counter = 0
rcounter = 0
per_thread = {}


def worker(tid):
    global counter, rcounter
    mine = 0
    for _ in range(PER_THREAD):
        with lock:
            counter += 1
        with rlock:
            with rlock:
                rcounter += 2
        mine += 1
    with lock:
        per_thread[tid] = mine


cond = threading.Condition()
tokens = 0
taken = 0


def taker():
    global tokens, taken
    for _ in range(200):
        with cond:
            cond.wait_for(lambda: tokens > 0)
            tokens -= 1
            taken += 1


def giver(n):
    global tokens
    for _ in range(n):
        with cond:
            tokens += 1
            cond.notify()


threads = [threading.Thread(target=worker, args=(i,)) for i in range(NTHREADS)]
threads += [threading.Thread(target=taker) for _ in range(NTHREADS)]
threads.append(threading.Thread(target=giver, args=(200 * NTHREADS,)))
for t in threads:
    t.start()
for t in threads:
    t.join()

print("counter:", counter, NTHREADS * PER_THREAD)
print("rcounter:", rcounter, 2 * NTHREADS * PER_THREAD)
print("per thread:", sorted(per_thread.values()) == [PER_THREAD] * NTHREADS)
print("tokens:", tokens, "taken:", taken, 200 * NTHREADS)
print("locks free:", not lock.locked(), not rlock._is_owned())
