"""High-conflict shared counters: every operation adds to one of four shared counters and to a
shared operation count, under pystm.atomic (an RLock on CPython).

Every operation first does the same thread-local arithmetic as dict_low_conflict, then its
atomic block writes the same list object as every other thread's. Concurrent blocks always
conflict, so this measures the cost of aborts and retries: expect no speedup.
Usage: counters_high_conflict.py THREADS
"""
try:
    from pystm import atomic
except ImportError:
    import threading
    atomic = threading.RLock()

import _bench

OPS = _bench.scaled(1_000_000)
WORK = 12

counters = [0, 0, 0, 0, 0]  # four sums and the operation count


def worker(t, n):
    lo, hi = _bench.share(OPS, t, n)
    for i in range(lo, hi):
        x = i
        for _ in range(WORK):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        with atomic:
            counters[x & 3] += x % 100
            counters[4] += 1
    return hi - lo


assert sum(_bench.run(worker)) == OPS
print(f"counters {counters}")
