"""Collection pause on a big heap (a benchmark, not a test): the time of gc.collect().

Builds about 2.4 million live objects in shapes that real programs hold (a dict of 600,000 str
keys to tuples of an int and a one-item list, and a 200,000-level nested list), shuffles the
order in which the dict's values were allocated so that marking does not follow the allocation
order, then times REPEAT full collections. Prints the median and the fastest in milliseconds.

Usage: pause.py [REPEAT]. PYSTM_GC_MARKERS=N sets pystm's number of marking threads.
"""
import gc
import random
import sys
import time

REPEAT = int(sys.argv[1]) if len(sys.argv) > 1 else 7

rng = random.Random(1)
keys = [str(i) for i in range(600000)]
rng.shuffle(keys)
table = {}
for i, k in enumerate(keys):
    table[k] = (i, [i])
del keys
nested = []
for i in range(200000):
    nested = [nested, i, str(i)] if i % 3 else [i]

times = []
for _ in range(REPEAT):
    start = time.perf_counter()
    gc.collect()
    times.append(time.perf_counter() - start)
times.sort()
print(f"gc.collect(): median {times[len(times) // 2] * 1000:.1f} ms, "
      f"fastest {times[0] * 1000:.1f} ms ({len(table)} keys)")
