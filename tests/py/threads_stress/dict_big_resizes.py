# threads
# Threads fill one shared stmdict past 100,000 keys in small transactions, so that it resizes
# several times while the other threads insert keys, write the values of shared keys and delete
# their own older keys. A resize of a striped dict this big runs inevitably (DICT-14): the
# transaction that resizes becomes inevitable in the middle of its commit, while it applies its
# queued insertions, or in the middle of an atomic block that inserts directly. Every insertion,
# value write and deletion must be there exactly once at the end. Prints only final state.
import sys
import threading

try:
    from pystm import atomic, stmdict
except ImportError:
    atomic = threading.RLock()
    stmdict = dict

NTHREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 2
TOTAL = 120_000
PER_THREAD = TOTAL // NTHREADS
STEP = 16
HOT = 64
d = stmdict()
for k in range(HOT):
    d[f"hot{k}"] = 0
hot_writes = [0] * NTHREADS
deleted = [0] * NTHREADS
errors = []


def worker(tid):
    writes = dels = 0  # kept locally: a shared list of counters would make every pair conflict
    for i in range(0, PER_THREAD, STEP):
        with atomic:
            for j in range(i, min(i + STEP, PER_THREAD)):
                d[f"k{tid}.{j}"] = j
            # A value that every thread writes: a resize moves it while others change it.
            h = f"hot{(tid * 7 + i // STEP) % HOT}"
            d[h] = d[h] + 1
            if i >= 4 * STEP and i % (4 * STEP) == 0:
                del d[f"k{tid}.{i - 4 * STEP}"]
                dels += 1
            if d.get(f"k{tid}.{i}") != i:
                errors.append(("own insertion not read back", tid, i))
            writes += 1
    hot_writes[tid] = writes
    deleted[tid] = dels
    # One atomic block that inserts many keys at once: its own resizes happen inside the block.
    with atomic:
        for j in range(2000):
            d[f"big{tid}.{j}"] = -j


threads = [threading.Thread(target=worker, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected_len = HOT + NTHREADS * PER_THREAD - sum(deleted) + NTHREADS * 2000
print("length right:", len(d) == expected_len)
print("hot total right:", sum(d[f"hot{k}"] for k in range(HOT)) == sum(hot_writes))
missing = 0
wrong = 0
for tid in range(NTHREADS):
    for j in range(PER_THREAD):
        gone = j % (4 * STEP) == 0 and j + 4 * STEP < PER_THREAD
        v = d.get(f"k{tid}.{j}")
        if gone:
            wrong += v is not None
        elif v is None:
            missing += 1
        elif v != j:
            wrong += 1
    for j in range(2000):
        if d.get(f"big{tid}.{j}") != -j:
            wrong += 1
print("missing keys:", missing)
print("wrong values:", wrong)
print("errors:", errors[:3])
print("iteration agrees:", sum(1 for _ in d) == len(d) == len(d.copy()))
