# ThreadPoolExecutor.shutdown: wait=True waits for running and queued work; wait=False returns
# at once (the work still finishes before exit); cancel_futures=True cancels queued work;
# the context manager shuts down with wait=True; workers are reused and bounded.
import concurrent.futures as cf
import os
import threading
import time

done = []
lock = threading.Lock()


def job(i, delay=0.005):
    time.sleep(delay)
    with lock:
        done.append(i)
    return i


ex = cf.ThreadPoolExecutor(2)
futs = [ex.submit(job, i) for i in range(6)]
ex.shutdown(wait=True)
print("after shutdown(wait=True):", sorted(done), all(f.done() for f in futs))
print("workers ended:", all(not t.is_alive() for t in ex._threads))

# shutdown(wait=False, cancel_futures=True): the running job finishes, queued ones are cancelled.
done.clear()
gate = threading.Event()
started = threading.Event()


def blocker():
    started.set()
    gate.wait()
    with lock:
        done.append("blocker")


ex = cf.ThreadPoolExecutor(1)
first = ex.submit(blocker)
rest = [ex.submit(job, i) for i in range(4)]
started.wait()
ex.shutdown(wait=False, cancel_futures=True)
print("cancelled:", [f.cancelled() for f in rest], "first running:", first.running())
gate.set()
first.result()
for t in ex._threads:
    t.join()
print(done)

# shutdown(wait=False) without cancelling: the queued work still runs.
done.clear()
ex = cf.ThreadPoolExecutor(1)
futs = [ex.submit(job, i, 0.002) for i in range(5)]
ex.shutdown(wait=False)
print("results:", [f.result() for f in futs])

# The with-statement waits for everything submitted inside it.
done.clear()
with cf.ThreadPoolExecutor(3) as ex:
    for i in range(9):
        ex.submit(job, i)
print("with waited:", sorted(done))
print("shutdown twice is fine:", ex.shutdown() is None)

# No more than max_workers threads, reused for later work.
idents = set()
with cf.ThreadPoolExecutor(max_workers=2) as ex:
    for f in [ex.submit(lambda: (time.sleep(0.001), threading.get_ident())[1]) for _ in range(20)]:
        idents.add(f.result())
print("distinct workers <= 2:", len(idents) <= 2, len(ex._threads) <= 2)
print(cf.ThreadPoolExecutor()._max_workers == min(32, (os.cpu_count() or 1) + 4))

# Work still queued at interpreter exit is run before the program ends.
ex = cf.ThreadPoolExecutor(1)
last_gate = threading.Event()
ex.submit(last_gate.wait)
for i in range(3):
    ex.submit(lambda i=i: print("at exit", i))
print("main done")
last_gate.set()
