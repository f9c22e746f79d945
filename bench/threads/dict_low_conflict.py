"""Low-conflict shared dictionary: random transfers between the accounts of one large shared
dict (65536 keys), each transfer under pystm.atomic. Two threads rarely touch the same keys.

Every operation first does some thread-local arithmetic (the same as counters_high_conflict),
then moves an amount from one key to another in one atomic block. On CPython the block holds
an RLock. Ideal speedup = thread count for a runtime that tracks conflicts per key; the dict is
one object, so a runtime that tracks them per object sees every transfer conflict.
Usage: dict_low_conflict.py THREADS
"""
try:
    from pystm import atomic
except ImportError:
    import threading
    atomic = threading.RLock()

import _bench

KEYS = 1 << 16
OPS = _bench.scaled(1_000_000)
WORK = 12

accounts = dict.fromkeys(range(KEYS), 1000)


def worker(t, n):
    lo, hi = _bench.share(OPS, t, n)
    for i in range(lo, hi):
        x = i
        for _ in range(WORK):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        src = x % KEYS
        dst = (x >> 15) % KEYS
        amount = x % 100
        with atomic:
            accounts[src] -= amount
            accounts[dst] += amount
    return hi - lo


assert sum(_bench.run(worker)) == OPS
total = sum(accounts.values())
checksum = sum(k * v for k, v in accounts.items()) % 1000000007
print(f"total {total}, checksum {checksum}")
