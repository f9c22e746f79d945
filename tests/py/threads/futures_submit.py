# concurrent.futures.ThreadPoolExecutor: submit, result, exception, done/running/cancelled,
# callbacks, result(timeout), exceptions propagating from result(), the context manager.
import concurrent.futures as cf
import threading

from _norm import normalize


def square(x):
    return x * x


def fail(msg):
    raise KeyError(msg)


with cf.ThreadPoolExecutor(max_workers=3) as ex:
    futures = [ex.submit(square, i) for i in range(10)]
    print([f.result() for f in futures])
    f = ex.submit(lambda a, *, b: a + b, 1, b=2)
    print(f.result(), f.done(), f.running(), f.cancelled(), f.exception())

    bad = ex.submit(fail, "missing")
    try:
        bad.result()
    except KeyError as e:
        print("result() raised", repr(e))
    print("exception():", repr(bad.exception()), bad.done())

    # result(timeout) raises TimeoutError while the call runs.
    gate = threading.Event()
    slow = ex.submit(gate.wait)
    try:
        slow.result(timeout=0.02)
    except cf.TimeoutError as e:
        print("TimeoutError", type(e) is TimeoutError, slow.running(), slow.done())
    try:
        slow.exception(timeout=0)
    except TimeoutError:
        print("exception(timeout=0) timed out too")
    gate.set()
    print("slow:", slow.result(timeout=30))

    # Callbacks run once the future is done; added after completion they run at once.
    calls = []
    cb1_ran = threading.Event()

    def cb1(fut):
        calls.append(("cb1", fut.result()))
        cb1_ran.set()

    f = ex.submit(square, 7)
    f.add_done_callback(cb1)
    f.result()
    f.add_done_callback(lambda fut: calls.append(("cb2", fut.result())))
    cb1_ran.wait()
    print(sorted(calls))

# The traceback of a failed call ends in the function that raised.
with cf.ThreadPoolExecutor(1) as ex:
    try:
        ex.submit(fail, "tb").result()
    except KeyError as e:
        import traceback
        print(normalize("".join(traceback.format_exception(e))))

# After shutdown, submit raises RuntimeError.
try:
    ex.submit(square, 1)
except RuntimeError as e:
    print("RuntimeError", e)

# Worker threads are named after the prefix.
names = set()
with cf.ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool") as ex:
    for f in [ex.submit(lambda: threading.current_thread().name) for _ in range(6)]:
        names.add(f.result())
print(all(n.startswith("pool_") for n in names), len(names) <= 2)

# initializer runs once per worker; a failing initializer breaks the pool.
inits = []
with cf.ThreadPoolExecutor(max_workers=1, initializer=inits.append, initargs=("init",)) as ex:
    print(ex.submit(square, 3).result(), inits)


def bad_init():
    raise ValueError("init failed")


ex = cf.ThreadPoolExecutor(max_workers=1, initializer=bad_init)
import logging
logging.disable(logging.CRITICAL)
try:
    ex.submit(square, 2).result()
except cf.BrokenExecutor as e:
    print(type(e).__name__, e)
ex.shutdown()

for label, fn in [
    ("max_workers=0", lambda: cf.ThreadPoolExecutor(0)),
    ("initializer not callable", lambda: cf.ThreadPoolExecutor(initializer=5)),
]:
    try:
        fn()
    except (ValueError, TypeError) as e:
        print(label, type(e).__name__, e)
