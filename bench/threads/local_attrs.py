"""Thread-local state in one shared threading.local (= pystm.local): every operation does the
same thread-local arithmetic as dict_low_conflict and adds to an attribute of the shared local.

Each thread has its own attribute dict and the shared object is never written, so the threads
do not conflict; compare with counters_high_conflict.
Usage: local_attrs.py THREADS
"""
import threading

import _bench

OPS = _bench.scaled(1_000_000)
WORK = 12

state = threading.local()


def worker(t, n):
    lo, hi = _bench.share(OPS, t, n)
    state.total = 0
    for i in range(lo, hi):
        x = i
        for _ in range(WORK):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        state.total += x % 100
    return state.total


print(f"total {sum(_bench.run(worker))}")
