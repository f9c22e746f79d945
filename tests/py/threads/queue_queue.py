# queue.Queue: FIFO order, maxsize, blocking put/get with timeouts, Empty/Full, nowait variants,
# qsize/empty/full, blocked getters and putters woken by the other side.
import queue
import threading
import time

q = queue.Queue()
print(q.maxsize, q.qsize(), q.empty(), q.full())
for i in range(5):
    q.put(i)
print(q.qsize(), [q.get() for _ in range(5)])

try:
    q.get(block=False)
except queue.Empty as e:
    print("Empty", type(e).__mro__[1].__name__, repr(str(e)))
start = time.monotonic()
try:
    q.get(timeout=0.03)
except queue.Empty:
    print("get timed out:", time.monotonic() - start >= 0.02)
try:
    q.get_nowait()
except queue.Empty:
    print("get_nowait: Empty")
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError", e)

b = queue.Queue(maxsize=2)
b.put("a")
b.put_nowait("b")
print(b.full(), b.qsize())
try:
    b.put("c", block=False)
except queue.Full as e:
    print("Full", repr(str(e)))
start = time.monotonic()
try:
    b.put("c", timeout=0.03)
except queue.Full:
    print("put timed out:", time.monotonic() - start >= 0.02)
try:
    b.put_nowait("c")
except queue.Full:
    print("put_nowait: Full")

# A blocked put() proceeds when a consumer makes room.
log = []


def putter():
    b.put("c", timeout=30)
    log.append("put done")


t = threading.Thread(target=putter)
t.start()
time.sleep(0.02)
print("putter blocked:", log == [] and t.is_alive())
first = b.get()
t.join()
print(first, log, [b.get(), b.get()], b.empty())

# A blocked get() returns the item put later.
got = []
t = threading.Thread(target=lambda: got.append(q.get(timeout=30)))
t.start()
time.sleep(0.02)
print("getter waiting:", got == [])
q.put({"k": 1})
t.join()
print(got)

# Many producers and consumers, each item delivered once.
q = queue.Queue(maxsize=3)
out = []
lock = threading.Lock()


def produce(base):
    for i in range(50):
        q.put(base + i)


def consume():
    while True:
        item = q.get()
        if item is None:
            return
        with lock:
            out.append(item)


producers = [threading.Thread(target=produce, args=(k * 1000,)) for k in range(3)]
consumers = [threading.Thread(target=consume) for _ in range(3)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
for _ in consumers:
    q.put(None)
for t in consumers:
    t.join()
print(len(out), sorted(out) == sorted(k * 1000 + i for k in range(3) for i in range(50)))
print(queue.Queue(0).maxsize, queue.Queue(-5).full())
