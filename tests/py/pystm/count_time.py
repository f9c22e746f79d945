# pystm.count(), pystm.time() and pystm.clock(): count() gives distinct numbers, increasing in
# each thread; time() follows time.time() and clock() time.perf_counter(). CPython has no pystm:
# there the test uses stand-ins with the same properties.
import threading
import time

try:
    import pystm
    count, stm_time, stm_clock = pystm.count, pystm.time, pystm.clock
except ImportError:
    import itertools
    count = itertools.count().__next__
    stm_time, stm_clock = time.time, time.perf_counter

a = count()
b = count()
print(type(a).__name__, b > a)
t0 = time.time()
t = stm_time()
t1 = time.time()
print(type(t).__name__, t0 - 0.001 <= t <= t1 + 0.001)
c0 = time.perf_counter()
c = stm_clock()
c1 = time.perf_counter()
print(type(c).__name__, c0 - 0.001 <= c <= c1 + 0.001)
prev = stm_clock()
mono = True
for _ in range(1000):
    now = stm_clock()
    mono = mono and now >= prev
    prev = now
print("clock monotonic", mono)
for f in (count, stm_time, stm_clock):
    try:
        f(1)
    except TypeError:
        print("TypeError")

results = []


def worker():
    mine = [count() for _ in range(2000)]
    results.append((mine, all(x < y for x, y in zip(mine, mine[1:]))))


threads = [threading.Thread(target=worker) for _ in range(4)]
for th in threads:
    th.start()
for th in threads:
    th.join()
values = [v for mine, _ in results for v in mine]
print(len(values), len(set(values)) == len(values), all(inc for _, inc in results))
