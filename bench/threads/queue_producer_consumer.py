"""Producer/consumer through one pystm.queue (on CPython, a queue.Queue): half of the threads
(at least one) compute items and put() them, the others get() them, compute on each and call
task_done(). With one thread, that thread puts every item and then gets them all.

Each item costs the same thread-local arithmetic on both sides. pystm.queue gives each thread
its own segment and consumers steal half of a producer's items at a time, so producers and
consumers conflict about once per stolen batch rather than once per item.
Usage: queue_producer_consumer.py THREADS
"""
try:
    from pystm import queue as Queue
except ImportError:
    from queue import Queue

import _bench

ITEMS = _bench.scaled(200_000)
WORK = 12

q = Queue()


def spin(x):
    for _ in range(WORK):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    return x


def produce(lo, hi):
    for i in range(lo, hi):
        q.put(spin(i))


def consume(count):
    acc = 0
    for _ in range(count):
        acc = (acc + spin(q.get())) % 1000000007
        q.task_done()
    return acc


def worker(t, n):
    if n == 1:
        produce(0, ITEMS)
        return consume(ITEMS)
    producers = max(1, n // 2)
    if t < producers:
        produce(*_bench.share(ITEMS, t, producers))
        return 0
    lo, hi = _bench.share(ITEMS, t - producers, n - producers)
    return consume(hi - lo)


checksum = sum(_bench.run(worker)) % 1000000007
q.join()
print(f"items {ITEMS}, checksum {checksum}")
