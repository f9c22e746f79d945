"""Appends to one shared list: every operation does the same thread-local arithmetic as
dict_low_conflict and appends its result to a list that all threads share.

CPython runs each append under the GIL; pystm queues list.append on a list the transaction does
not own and applies the queue when the transaction commits (LIST-3), so appending threads hold
the list only while they commit. Ideal speedup = thread count.
Usage: list_append.py THREADS
"""
import _bench

OPS = _bench.scaled(1_000_000)
WORK = 12
results = []


def worker(t, n):
    lo, hi = _bench.share(OPS, t, n)
    append = results.append
    for i in range(lo, hi):
        x = i
        for _ in range(WORK):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        append(x)
    return hi - lo


assert sum(_bench.run(worker)) == OPS
print(f"appended {len(results)}, checksum {sum(results) % 1000000007}")
