# threads
# Conflicting threads, more of them than the machine has cores at the higher thread counts: every
# thread updates the same list cells, the same dict keys and one shared counter object, some
# transactions become inevitable (a blocking call inside an atomic block) and the threads make
# garbage, so collections start while other threads wait. With more threads in transactions
# than cores, waiters park until an attempt ends (STM-14): a parked waiter must wake for the end
# of the attempt it waits for, for a kill request of the inevitable transaction and for a
# collection, and every update must land exactly once. Prints only final state.
import sys
import threading
import time

try:
    from pystm import atomic
except ImportError:
    atomic = threading.RLock()

NTHREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 2
ROUNDS = 2400 // NTHREADS
cells = [0] * 8
table = {}


class Counter:
    def __init__(self):
        self.n = 0


shared = Counter()
done = [0] * NTHREADS


def worker(tid):
    junk = []
    for i in range(ROUNDS):
        with atomic:  # a short transaction of its own: conflicts on the list
            cells[i % len(cells)] += 1
        with atomic:
            key = (tid + i) % 16
            table[key] = table.get(key, 0) + 1
            shared.n += 1
            if i % 97 == 0:
                time.sleep(0)  # a blocking call: the block turns inevitable
        junk.append([i] * 20)  # garbage, so that collections come
        if len(junk) > 50:
            junk = []
    done[tid] = 1


threads = [threading.Thread(target=worker, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

total = ROUNDS * NTHREADS
print("cells:", sum(cells) == total)
print("table:", sum(table.values()) == total, len(table))
print("counter:", shared.n == total)
print("threads done:", sum(done) == NTHREADS)
