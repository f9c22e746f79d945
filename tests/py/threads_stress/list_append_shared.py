# threads
# Many threads append to one shared list and read it back. pystm may queue an append to a list
# the transaction does not own and apply it at commit; every read of the list in the same
# transaction (indexing, len, `in`, iteration, another method) must see the appended items, and
# at the end nothing is lost, duplicated or reordered within a thread.
import sys
import threading

try:
    from pystm import atomic
except ImportError:
    atomic = threading.RLock()

NTHREADS = int(sys.argv[1])
PER_THREAD = 8000 // NTHREADS
shared = []
seen_own = []
errors = []


def worker(tid):
    bad = 0
    for i in range(PER_THREAD):
        item = (tid, i)
        shared.append(item)
        if i % 5 == 0:
            with atomic:
                shared.append((tid, -i - 1))
                if shared[-1] != (tid, -i - 1) or (tid, -i - 1) not in shared:
                    bad += 1
                n = len(shared)
                shared.append((tid, "x", i))
                if len(shared) != n + 1 or shared.pop() != (tid, "x", i):
                    bad += 1
        if i % 97 == 0:
            with atomic:
                mine = [x for x in shared if x[0] == tid and len(x) == 2 and x[1] >= 0]
                if mine != [(tid, j) for j in range(i + 1)]:
                    bad += 1
    errors.append(bad)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print("errors:", sum(errors))
print("items:", len(shared) == NTHREADS * (PER_THREAD + (PER_THREAD + 4) // 5))
ok = True
for tid in range(NTHREADS):
    own = [x[1] for x in shared if x[0] == tid and x[1] >= 0]
    ok = ok and own == list(range(PER_THREAD))
print("per-thread order:", ok)
print("no leftovers:", not any(len(x) == 3 for x in shared))
