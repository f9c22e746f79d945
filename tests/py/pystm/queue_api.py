# pystm.queue: put/get (unordered), block=False and timeouts raising Empty, task_done/join,
# qsize/empty. Under CPython, queue.Queue stands in for it (the test prints sorted results).
import threading
import time

try:
    import pystm
    from pystm import queue as Queue, Empty
except ImportError:
    pystm = None
    from queue import Queue, Empty

q = Queue()
print(q.qsize(), q.empty())
for i in range(10):
    q.put(i)
q.put_nowait("x")
print(q.qsize(), q.empty())
got = [q.get() for _ in range(5)] + [q.get_nowait() for _ in range(5)] + [q.get(True, 1.0)]
print(sorted(map(repr, got)), q.qsize(), q.empty())
for call in (lambda: q.get(False), lambda: q.get_nowait(), lambda: q.get(timeout=0.01),
             lambda: q.get(True, 0)):
    try:
        call()
    except Empty:
        print("Empty")
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError", e)
t0 = time.monotonic()
try:
    q.get(timeout=0.05)
except Empty:
    print("waited", time.monotonic() - t0 >= 0.04)

# task_done / join: 11 items were put.
for _ in range(11):
    q.task_done()
try:
    q.task_done()
except ValueError as e:
    print("ValueError", e)
q.join()
print("joined")

# A blocked get() is woken by a put() from another thread.
result = []
t = threading.Thread(target=lambda: result.append(q.get()))
t.start()
time.sleep(0.05)
q.put("late")
t.join()
print(result)
q.task_done()

# join() waits for the task_done() of another thread.
q.put(1)
q.put(2)
done = []


def worker():
    for _ in range(2):
        q.get()
        time.sleep(0.01)
        done.append(1)
        q.task_done()


t = threading.Thread(target=worker)
t.start()
q.join()
print("join after", len(done))
t.join()
try:
    q.task_done()
except ValueError as e:
    print("ValueError", e)

# Blocking inside an atomic block would wait for threads that cannot run: pystm.error.
if pystm is not None:
    with pystm.atomic:
        q.put(5)
        print("atomic get", q.get())
        try:
            q.get()
        except pystm.error as e:
            print("error", e)
        try:
            q.get(False)
        except Empty:
            print("Empty")
        try:
            q.join()
        except pystm.error as e:
            print("error", e)
else:
    print("atomic get", 5)
    print("error", "queue.get() would block inside an atomic block")
    print("Empty")
    print("error", "queue.join() would block inside an atomic block")
