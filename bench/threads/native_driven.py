"""Independent work driven by native code: each thread sums f(i) over its share of 0..N with
sum() over a generator, map() and sorted(key=...), whose Python callbacks run inside one native
call each.

A thread's transaction ends only at a restart point of its own Python code, so each of these
calls is one long transaction: the threads share nothing, but such a transaction used to lose
all its work to the locks of a thread's start (THR-4 in src/modules/thread_module.cpp), and can
still lose it to a conflict on the shared list its result goes into. Ideal speedup = thread
count.
Usage: native_driven.py THREADS
"""
import _bench

N = _bench.scaled(1_000_000)


def f(i):
    return (i * i + 3 * i) % 11


def worker(t, n):
    lo, hi = _bench.share(N, t, n)
    a = sum(f(i) for i in range(lo, hi))
    b = sum(map(f, range(lo, hi)))
    c = sorted(range(lo, hi), key=f)
    return a + b + sum(c)


print(f"native-driven sums of 0..{N}: {sum(_bench.run(worker))}")
