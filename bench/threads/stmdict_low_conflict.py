"""Low-conflict shared pystm.stmdict: dict_low_conflict.py with the shared dict replaced by a
pystm.stmdict (on CPython, a dict). Random transfers between two of 65536 accounts, each under
pystm.atomic, after the same thread-local arithmetic.

The stmdict spreads its keys over separate bucket dicts, so two transfers conflict only when
they meet in a bucket: compare with dict_low_conflict, where every transfer writes one dict.
Usage: stmdict_low_conflict.py THREADS
"""
try:
    from pystm import atomic, stmdict
except ImportError:
    import threading
    atomic = threading.RLock()
    stmdict = dict

import _bench

KEYS = 1 << 16
OPS = _bench.scaled(1_000_000)
WORK = 12

accounts = stmdict.fromkeys(range(KEYS), 1000)


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
