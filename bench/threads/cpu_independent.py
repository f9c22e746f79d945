"""Independent CPU-bound work: each thread sums the Collatz chain lengths of its share of 1..N.

Threads share nothing but the code and the small integers; ideal speedup = thread count.
Usage: cpu_independent.py THREADS
"""
import _bench

N = _bench.scaled(250_000)


def collatz_steps(lo, hi, step):
    total = 0
    for i in range(lo, hi, step):
        k = 0
        while i != 1:
            i = i // 2 if i % 2 == 0 else 3 * i + 1
            k += 1
        total += k
    return total


def worker(t, n):
    # Strided rather than contiguous: chain lengths grow with i, so striding balances the load.
    return collatz_steps(1 + t, N + 1, n)


print(f"collatz steps of 1..{N}: {sum(_bench.run(worker))}")
