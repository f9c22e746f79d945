"""Independent work driven by iterators: for its share of the values of a, each thread walks
itertools.product() over (b, c) and keeps a sliding window of recent values in a
collections.deque.

Each thread uses only its own iterators and deque, so the ideal speedup is the thread count. The
loop outlasts many transactions, and every transaction after the first advances iterators and
changes a deque made before it: with pystm, that needs their undo records (ITER-2, DEQUE-2);
without them each such transaction ran inevitably, one thread at a time.
Usage: iterators_independent.py THREADS
"""
import collections
import itertools

import _bench

M = int(round(_bench.scaled(125_000) ** (1 / 3)))


def worker(t, n):
    total = 0
    for a in range(t, M, n):
        window = collections.deque(maxlen=8)
        for b, c in itertools.product(range(M), repeat=2):
            window.append((a * b + c) % 97)
            total += sum(window) % 7
    return total


print(f"window sums over {M}**3 triples: {sum(_bench.run(worker))}")
