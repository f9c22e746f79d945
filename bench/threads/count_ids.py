"""Unique ids from pystm.count() (on CPython, itertools.count): every operation does the same
thread-local arithmetic as dict_low_conflict and takes one id, into a list of its own thread.

count() is a process-wide atomic counter outside the transactions, so it causes no conflict;
compare with counters_high_conflict, whose shared counter conflicts on every operation.
Usage: count_ids.py THREADS
"""
try:
    from pystm import count
except ImportError:
    import itertools
    count = itertools.count().__next__

import _bench

OPS = _bench.scaled(1_000_000)
WORK = 12


def worker(t, n):
    lo, hi = _bench.share(OPS, t, n)
    ids = []
    for i in range(lo, hi):
        x = i
        for _ in range(WORK):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        ids.append(count())
    return ids


lists = _bench.run(worker)
increasing = all(a < b for ids in lists for a, b in zip(ids, ids[1:]))
distinct = len(set().union(*lists)) == OPS
print(f"ids {sum(map(len, lists))}, increasing {increasing}, distinct {distinct}")
