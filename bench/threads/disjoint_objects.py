"""Disjoint updates of separate objects: each thread advances its own share of a list of
particle objects (attribute updates on distinct instances); the list itself is only read.

Unlike disjoint_slices, no object is written by two threads, so nothing conflicts even at the
granularity of whole objects. Ideal speedup = thread count.
Usage: disjoint_objects.py THREADS
"""
import _bench

COUNT = 2000
STEPS = _bench.scaled(2000)
DT = 0.01


class Particle:
    def __init__(self, i):
        self.x = (i % 97) / 97.0
        self.v = (i % 13) / 13.0 - 0.5
        self.k = 1.0 + (i % 7) / 7.0


particles = [Particle(i) for i in range(COUNT)]


def worker(t, n):
    lo, hi = _bench.share(COUNT, t, n)
    mine = particles[lo:hi]
    for _ in range(STEPS):
        for p in mine:
            p.v -= p.k * p.x * DT
            p.x += p.v * DT
    return hi - lo


assert sum(_bench.run(worker)) == COUNT
energy = 0.0
for p in particles:
    energy += 0.5 * (p.v * p.v + p.k * p.x * p.x)
print(f"energy {energy!r}")
