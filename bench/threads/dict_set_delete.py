"""Keys out of one shared dict and one shared set: both start with one key per operation; every
operation does the same thread-local arithmetic as dict_low_conflict, then deletes its own key
from the dict (adding the result under a key of its own in exchange, so that the dict does not
shrink to nothing) and discards its element from the set.

CPython runs each deletion under the GIL; pystm gives a dict or set that transactions contend
for per-key stripes, and queues the deletion of a key until the transaction commits (DICT-11,
SET-7), so threads that delete different keys hold the dict and the set only while they
commit. Ideal speedup = thread count.
Usage: dict_set_delete.py THREADS
"""
import _bench

OPS = _bench.scaled(300_000)
WORK = 12
table = {i: i for i in range(OPS)}
members = set(range(OPS))


def worker(t, n):
    lo, hi = _bench.share(OPS, t, n)
    for i in range(lo, hi):
        x = i
        for _ in range(WORK):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        del table[i]
        table[OPS + i] = x
        members.discard(i)
    return hi - lo


assert sum(_bench.run(worker)) == OPS
print(f"keys {len(table)}, set {len(members)}, checksum {sum(table.values()) % 1000000007}")
