"""TransactionQueue with independent calls: each call sums the Collatz chain lengths of a small
range and stores the sum in its own object. No call reads or writes what another call writes,
so the only possible conflicts are on the queue's own bookkeeping.

Usage: independent.py THREADS [CALLS]. Prints one result line (the same for every thread count,
under pystm and CPython 3.11); with PYSTM_BENCH_STATS=1 also "bench: wall=... key=value ..." on
stderr: the wall-clock and CPU time (all threads) of run() and the change of pystm.statistics()
over it.
"""
import os
import sys
import time

import transaction

try:
    import pystm
except ImportError:
    pystm = None

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
CALLS = int(sys.argv[2]) if len(sys.argv) > 2 else 2500
N = 250_000  # numbers in all, split into CALLS ranges


class Cell:
    __slots__ = ("value",)

    def __init__(self):
        self.value = 0


def collatz(cell, lo, hi):
    total = 0
    for i in range(lo, hi):
        k = 0
        while i != 1:
            i = i // 2 if i % 2 == 0 else 3 * i + 1
            k += 1
        total += k
    cell.value = total


def stats():
    if pystm is None:
        return {}
    flat = {}
    for key, value in pystm.statistics().items():
        if isinstance(value, dict):
            for sub, v in value.items():
                flat[key + "." + sub] = v
        elif key != "threads":
            flat[key] = value
    return flat


cells = [Cell() for _ in range(CALLS)]
q = transaction.TransactionQueue()
for c in range(CALLS):
    q.add(collatz, cells[c], 1 + N * c // CALLS, 1 + N * (c + 1) // CALLS)
before = stats()
wall = time.perf_counter()
cpu = time.process_time()
q.run(THREADS)
cpu = time.process_time() - cpu
wall = time.perf_counter() - wall
after = stats()
print(f"collatz steps of 1..{N} in {CALLS} calls: {sum(c.value for c in cells)}")
if os.environ.get("PYSTM_BENCH_STATS"):
    fields = [f"wall={wall:.6f}", f"cpu={cpu:.6f}"]
    fields += [f"{k}={after[k] - before.get(k, 0):.6g}" for k in sorted(after)]
    print("bench:", " ".join(fields), file=sys.stderr)
