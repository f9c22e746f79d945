"""New keys into one shared dict and one shared set: every operation does the same thread-local
arithmetic as dict_low_conflict, then records its result as a new key of a shared dict (an
index from result to operation number) and a new element of a shared set, unless it is there
already (results repeat rarely).

CPython runs each insertion under the GIL; pystm gives a dict or set that transactions contend
for per-key stripes: a lookup reads only the key's stripe, and an insertion locks the key's
stripe and is queued until the transaction commits (DICT-10, SET-6), so threads that insert
different keys hold the dict and the set only while they commit. Ideal speedup = thread count.
Usage: dict_set_insert.py THREADS
"""
import _bench

OPS = _bench.scaled(500_000)
WORK = 12
index = {}
seen = set()


def worker(t, n):
    lo, hi = _bench.share(OPS, t, n)
    for i in range(lo, hi):
        x = i
        for _ in range(WORK):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        key = x % 50_000_000
        if key not in seen:
            seen.add(key)
        if index.get(key, i) >= i:  # keep the smallest operation number: order-independent
            index[key] = i
    return hi - lo


assert sum(_bench.run(worker)) == OPS
print(f"keys {len(index)}, set {len(seen)}, checksum {sum(index.values()) % 1000000007}")
