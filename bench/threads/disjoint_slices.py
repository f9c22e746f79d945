"""Disjoint updates of shared containers: each thread rewrites its own slice of one shared list
and its own keys of one shared dict, over and over; no element or key is touched by two threads.

The containers themselves are shared, so this measures what writes to different parts of one
list or dict object cost when threads run in parallel. Ideal speedup = thread count.
Usage: disjoint_slices.py THREADS
"""
import _bench

SIZE = 1 << 13
PASSES = _bench.scaled(1500)

data = list(range(SIZE))
table = dict.fromkeys(range(SIZE), 0)


def worker(t, n):
    lo, hi = _bench.share(SIZE, t, n)
    for p in range(PASSES):
        for i in range(lo, hi):
            x = (data[i] * 1103515245 + 12345 + p) & 0x7FFFFFFF
            data[i] = x
            table[i] ^= x >> 7
    return hi - lo


assert sum(_bench.run(worker)) == SIZE
print(f"list sum {sum(data)}, dict checksum {sum(k * v for k, v in table.items()) % 1000000007}")
