# threads
# Many threads insert new keys into one shared dict (pystm defers such insertions to the commit
# and locks only the key's stripe, DICT-10), reading their own keys back before and after the
# insertion is applied, while other atomic blocks check len(), iteration and copies against the
# threads' own counts. Keys are str and int (looked up without the dict's lock) and tuples
# (through the dict's own barriers). At the end every insertion is there exactly once.
import sys
import threading

try:
    from pystm import atomic, stmdict
except ImportError:
    atomic = threading.RLock()
    stmdict = dict

NTHREADS = int(sys.argv[1])
ROUNDS = 4000 // NTHREADS
shared = {}
counts = stmdict()  # per-thread numbers of keys, stored in the shared dict's own transactions
errors = []


def worker(tid):
    bad = 0
    for i in range(ROUNDS):
        with atomic:
            s = f"s{tid}.{i}"
            n = 1_000_000 * (tid + 1) + i
            shared[s] = i
            if shared.get(s) != i or s not in shared:  # a queued insertion reads back
                bad += 1
            shared[s] = i + 1  # overwrites the queued value
            if shared.setdefault(s, -1) != i + 1:
                bad += 1
            shared[n] = shared.get(n, 0) + 1
            if i % 5 == 0:
                shared[(tid, i)] = s  # a tuple key: the dict's own path
            counts[tid] = counts.get(tid, 0) + (3 if i % 5 == 0 else 2)
        if i % 11 == 0:
            with atomic:
                # Deleting one's own key and putting it back, in one transaction.
                k = f"s{tid}.{i // 2}"
                v = shared.pop(k)
                shared[k] = v
        if i % 17 == 0:
            with atomic:
                # The whole dict: its size equals the sum of the threads' counts, in one state.
                if len(shared) != sum(counts.values()):
                    bad += 1
                if sum(1 for _ in shared) != len(shared):
                    bad += 1
        if i % 41 == 0:
            with atomic:
                snap = dict(shared)
                if len(snap) != sum(counts.values()):
                    bad += 1
    errors.append(bad)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected = {}
for tid in range(NTHREADS):
    for i in range(ROUNDS):
        expected[f"s{tid}.{i}"] = i + 1
        expected[1_000_000 * (tid + 1) + i] = 1
        if i % 5 == 0:
            expected[(tid, i)] = f"s{tid}.{i}"
print("errors:", sum(errors))
print("keys:", len(shared) == len(expected), len(shared) == sum(counts.values()))
print("items exact:", shared == expected)
print("int keys in insertion order per thread:",
      all([k for k in shared if isinstance(k, int) and k // 1_000_000 == tid + 1]
          == sorted(k for k in expected if isinstance(k, int) and k // 1_000_000 == tid + 1)
          for tid in range(NTHREADS)))
