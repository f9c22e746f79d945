# threads
# Producers and consumers connected by a bounded queue.Queue: every item is delivered exactly
# once, task_done()/join() account for all of them, and the consumers stop on sentinels.
import queue
import sys
import threading

NTHREADS = int(sys.argv[1])
PRODUCERS = max(1, NTHREADS // 2)
CONSUMERS = max(1, NTHREADS - PRODUCERS)
ITEMS = 20000 // PRODUCERS
q = queue.Queue(maxsize=64)
received = [[] for _ in range(CONSUMERS)]


def producer(pid):
    for i in range(ITEMS):
        q.put((pid, i))


def consumer(cid):
    mine = received[cid]
    while True:
        item = q.get()
        q.task_done()
        if item is None:
            return
        mine.append(item)


consumers = [threading.Thread(target=consumer, args=(c,)) for c in range(CONSUMERS)]
producers = [threading.Thread(target=producer, args=(p,)) for p in range(PRODUCERS)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
q.join()
print("queue drained:", q.empty(), q.unfinished_tasks)
for _ in consumers:
    q.put(None)
for t in consumers:
    t.join()

items = [item for mine in received for item in mine]
expected = [(p, i) for p in range(PRODUCERS) for i in range(ITEMS)]
print("delivered:", len(items), "expected:", len(expected))
print("exactly once:", sorted(items) == expected)
# Items from one producer reach any one consumer in the order they were produced.
in_order = all(
    [i for p2, i in mine if p2 == p] == sorted(i for p2, i in mine if p2 == p)
    for mine in received for p in range(PRODUCERS))
print("FIFO per producer and consumer:", in_order)
