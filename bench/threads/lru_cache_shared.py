"""A memoized function shared by every thread: each thread computes its share of a sum whose
terms come from one @functools.cache function, filled before the threads start, so nearly
every call is a hit.

The threads read the same cache and change nothing but its hit count. With pystm that count is
a statistic outside the STM, added to when a transaction commits (LRU-1): when it was an
ordinary field of the cache's wrapper, every call wrote the wrapper, so any two threads'
transactions conflicted on it, and two threads ran slower than one.
Usage: lru_cache_shared.py THREADS
"""
import functools

import _bench

CALLS = _bench.scaled(2_000_000)
KEYS = 1000


@functools.cache
def term(n):
    return (n * n) % 1009


for k in range(KEYS):
    term(k)


def worker(t, n):
    total = 0
    for i in range(t, CALLS, n):
        total += term(i % KEYS)
    return total


print(f"sum of {CALLS} cached terms: {sum(_bench.run(worker))}, hits {term.cache_info().hits}")
