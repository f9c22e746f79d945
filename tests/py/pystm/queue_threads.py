# threads
# Producers and consumers share one pystm.queue: consumers block in get() (with and without a
# timeout) until a None per consumer arrives; every item is task_done()'d and the main thread
# join()s. Prints the multiset of items consumed. Under CPython, queue.Queue stands in.
import sys
import threading

try:
    from pystm import queue as Queue, Empty
except ImportError:
    from queue import Queue, Empty

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2
ITEMS = 3000 // N
q = Queue()
consumed = [[] for _ in range(N)]


def producer(t):
    for i in range(ITEMS):
        q.put((t, i))


def consumer(t):
    mine = consumed[t]
    while True:
        try:
            item = q.get(timeout=0.05) if t % 2 else q.get()
        except Empty:
            continue
        if item is not None:
            mine.append(item)  # before task_done(): join() promises that this happened
        q.task_done()
        if item is None:
            return


consumers = [threading.Thread(target=consumer, args=(t,)) for t in range(N)]
producers = [threading.Thread(target=producer, args=(t,)) for t in range(N)]
for th in consumers + producers:
    th.start()
for th in producers:
    th.join()
q.join()
print("joined", sum(map(len, consumed)))
for _ in range(N):
    q.put(None)
for th in consumers:
    th.join()
q.join()
items = sorted(x for mine in consumed for x in mine)
print(len(items), items == sorted((t, i) for t in range(N) for i in range(ITEMS)), q.qsize())
try:
    q.get(False)
except Empty:
    print("empty")
