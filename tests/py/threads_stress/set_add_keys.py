# threads
# pystm-env: PYSTM_STM_CHAOS=50
# Many threads add new elements to one shared set (pystm defers such additions to the commit and
# locks only the element's stripe, SET-6), test them before and after the addition is applied,
# discard and re-add some, while other atomic blocks check len(), iteration and copies against
# the threads' own counts. Elements are str and int (tested without the set's lock) and tuples
# (through the set's own barriers). At the end every element is there exactly once. Forced
# aborts (PYSTM_STM_CHAOS) abort some commits half-way through applying their queued additions:
# a check that copied the set while another thread applied its additions in place once committed
# with more elements than counted (STM-4 step 3 now validates every writer commit).
import sys
import threading

try:
    from pystm import atomic
except ImportError:
    atomic = threading.RLock()

NTHREADS = int(sys.argv[1])
ROUNDS = 4000 // NTHREADS
shared = set()
counts = {}  # per-thread numbers of elements, written in the same transactions
errors = []


def worker(tid):
    bad = 0
    for i in range(ROUNDS):
        with atomic:
            s = f"s{tid}.{i}"
            shared.add(s)
            if s not in shared:  # a queued addition is seen
                bad += 1
            shared.add(s)  # already there (queued): nothing changes
            n = 1_000_000 * (tid + 1) + i
            if n in shared:
                bad += 1
            shared.add(n)
            if i % 5 == 0:
                shared.add((tid, i))  # a tuple: the set's own path
            counts[tid] = counts.get(tid, 0) + (3 if i % 5 == 0 else 2)
        if i % 11 == 0:
            with atomic:
                k = f"s{tid}.{i // 2}"
                shared.remove(k)
                if k in shared:
                    bad += 1
                shared.add(k)
        if i % 17 == 0:
            with atomic:
                if len(shared) != sum(counts.values()):
                    bad += 1
                if sum(1 for _ in shared) != len(shared):
                    bad += 1
        if i % 41 == 0:
            with atomic:
                snap = set(shared)
                if len(snap) != sum(counts.values()) or not snap <= shared:
                    bad += 1
    errors.append(bad)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected = set()
for tid in range(NTHREADS):
    for i in range(ROUNDS):
        expected.add(f"s{tid}.{i}")
        expected.add(1_000_000 * (tid + 1) + i)
        if i % 5 == 0:
            expected.add((tid, i))
print("errors:", sum(errors))
print("size:", len(shared) == len(expected), len(shared) == sum(counts.values()))
print("elements exact:", shared == expected)
