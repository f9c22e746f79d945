# queue.LifoQueue and queue.PriorityQueue: ordering, maxsize, errors.
import queue

lq = queue.LifoQueue()
for i in range(4):
    lq.put(i)
print("lifo:", [lq.get() for _ in range(4)])

pq = queue.PriorityQueue()
for item in [(3, "c"), (1, "a"), (2, "b"), (1, "A"), (0, "z")]:
    pq.put(item)
print("priority:", [pq.get_nowait() for _ in range(5)])
pq.put([2, "x"])
try:
    pq.put("not comparable")
except TypeError as e:
    print("TypeError", e)

bounded = queue.PriorityQueue(maxsize=1)
bounded.put(5)
try:
    bounded.put(1, timeout=0.01)
except queue.Full:
    print("priority queue Full")

