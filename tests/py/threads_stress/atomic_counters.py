# threads
# Read-modify-write updates of shared counters (a list slot, a dict value, an attribute, a
# global) inside atomic blocks are exact: no increment is lost.
import sys
import threading

try:
    from pystm import atomic
except ImportError:
    import threading; atomic = threading.RLock()

NTHREADS = int(sys.argv[1])
PER_THREAD = 80000 // NTHREADS


class Box:
    def __init__(self):
        self.value = 0


counter = 0
slots = [0, 0, 0]
table = {"hits": 0, "misses": 0}
box = Box()


def worker(tid):
    global counter
    for j in range(PER_THREAD):
        with atomic:
            counter += 1
            slots[j % 3] += 1
            table["hits" if j % 2 else "misses"] += 1
            box.value += tid
        if j % 1000 == 0:
            with atomic:  # nested blocks are one transaction
                with atomic:
                    counter += 1
                    counter -= 1


threads = [threading.Thread(target=worker, args=(i,)) for i in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print("counter:", counter, NTHREADS * PER_THREAD)
print("slots:", slots, sum(slots))
print("table:", table)
print("box:", box.value, PER_THREAD * sum(range(NTHREADS)))
