# queue.SimpleQueue: FIFO, put never blocks, get with block/timeout, Empty, threads.
import queue
import threading
import time

sq = queue.SimpleQueue()
print(sq.empty(), sq.qsize())
sq.put(1)
sq.put_nowait(2)
sq.put(3, block=False, timeout=5)  # put never blocks; the arguments are accepted
print(sq.qsize(), sq.get(), sq.get_nowait(), sq.get(block=False), sq.empty())
try:
    sq.get(block=False)
except queue.Empty:
    print("SimpleQueue Empty")
start = time.monotonic()
try:
    sq.get(timeout=0.03)
except queue.Empty:
    print("SimpleQueue get timed out:", time.monotonic() - start >= 0.02)
try:
    sq.get(timeout=-1)
except ValueError as e:
    print("ValueError", e)

# A SimpleQueue getter blocked in another thread wakes on put().
got = []
t = threading.Thread(target=lambda: got.append(sq.get()))
t.start()
time.sleep(0.02)
print("waiting:", got == [])
sq.put("item")
t.join()
print(got)

# Threads passing items through a SimpleQueue: every item arrives once.
out = []


def relay(n):
    for i in range(n):
        sq.put(i)


threads = [threading.Thread(target=relay, args=(100,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
while not sq.empty():
    out.append(sq.get())
print(len(out), sorted(out) == sorted(list(range(100)) * 4))
