"""The cost of the queue itself: CALLS trivial calls through a TransactionQueue, against the same
calls in a plain loop and in a plain loop with each call inside `with atomic:`.

Usage: overhead.py THREADS [CALLS]. Prints one result line (the same everywhere); with
PYSTM_BENCH_STATS=1 also "bench: loop=... atomic_loop=... queue=..." on stderr: seconds per call
(wall-clock) of each.
"""
import os
import sys
import time

import transaction

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
CALLS = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000


class Cell:
    __slots__ = ("value",)

    def __init__(self):
        self.value = 0


def touch(cell, k):
    cell.value = k


cells = [Cell() for _ in range(CALLS)]

t = time.perf_counter()
for k in range(CALLS):
    touch(cells[k], k)
loop = time.perf_counter() - t

t = time.perf_counter()
for k in range(CALLS):
    with transaction.atomic:
        touch(cells[k], k + 1)
atomic_loop = time.perf_counter() - t

q = transaction.TransactionQueue()
for k in range(CALLS):
    q.add(touch, cells[k], k + 2)
t = time.perf_counter()
q.run(THREADS)
queue = time.perf_counter() - t

print(f"{CALLS} calls: {sum(c.value for c in cells)} {q.number_of_transactions_executed()}")
if os.environ.get("PYSTM_BENCH_STATS"):
    print(f"bench: loop={loop / CALLS:.3e} atomic_loop={atomic_loop / CALLS:.3e}"
          f" queue={queue / CALLS:.3e}", file=sys.stderr)
