"""The cost of the queue itself: CALLS trivial calls through a TransactionQueue, against the same
calls in a plain loop and in a plain loop with each call inside `with atomic:`.

Usage: overhead.py THREADS [CALLS]. Prints one result line (the same everywhere); with
PYSTM_BENCH_STATS=1 also, on stderr, the "bench: wall=..." line of the queue's run
(bench/run-threads reads it) and "per call: loop=... atomic_loop=... queue=...": seconds per call
(wall-clock) of each.
"""
import os
import sys
import time

import transaction
from _txbench import timed_run

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
timed_run(q, THREADS)  # the "bench:" line of bench/run-threads
queue = time.perf_counter() - t

print(f"{CALLS} calls: {sum(c.value for c in cells)} {q.number_of_transactions_executed()}")
if os.environ.get("PYSTM_BENCH_STATS"):
    print(f"per call: loop={loop / CALLS:.3e} atomic_loop={atomic_loop / CALLS:.3e}"
          f" queue={queue / CALLS:.3e}", file=sys.stderr)
