"""TransactionQueue with independent calls: each call sums the Collatz chain lengths of a small
range and stores the sum in its own object. No call reads or writes what another call writes,
so the only possible conflicts are on the queue's own bookkeeping.

Usage: independent.py THREADS [CALLS]. Prints one result line (the same for every thread count,
under pystm and CPython 3.11); with PYSTM_BENCH_STATS=1 also "bench: wall=... key=value ..." on
stderr: the wall-clock and CPU time (all threads) of run() and the change of pystm.statistics()
over it.
"""
import sys

import transaction
from _txbench import timed_run

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




cells = [Cell() for _ in range(CALLS)]
q = transaction.TransactionQueue()
for c in range(CALLS):
    q.add(collatz, cells[c], 1 + N * c // CALLS, 1 + N * (c + 1) // CALLS)
timed_run(q, THREADS)
print(f"collatz steps of 1..{N} in {CALLS} calls: {sum(c.value for c in cells)}")
