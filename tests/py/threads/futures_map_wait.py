# ThreadPoolExecutor.map (order, several iterables, timeout, exceptions while iterating),
# as_completed, wait with FIRST_COMPLETED / FIRST_EXCEPTION / ALL_COMPLETED, cancel.
import concurrent.futures as cf
import threading
import time


def slow_square(x):
    time.sleep(0.001 * (x % 4))
    return x * x


with cf.ThreadPoolExecutor(4) as ex:
    print(list(ex.map(slow_square, range(12))))
    print(list(ex.map(pow, [2, 3, 4], [5, 6, 7, 8])))
    print(list(ex.map(slow_square, [], timeout=1)))
    print(list(ex.map(slow_square, range(5), chunksize=3)))

    def maybe_fail(x):
        if x == 3:
            raise ValueError(f"bad {x}")
        return x

    got = []
    try:
        for r in ex.map(maybe_fail, range(6)):
            got.append(r)
    except ValueError as e:
        print("map raised", e, "after", got)

    gate = threading.Event()
    try:
        list(ex.map(lambda x: gate.wait(), range(2), timeout=0.02))
    except cf.TimeoutError:
        print("map timed out")
    gate.set()

    # as_completed yields every future exactly once.
    futs = {ex.submit(slow_square, i): i for i in range(10)}
    done = sorted((futs[f], f.result()) for f in cf.as_completed(futs))
    print(done)
    print(sorted(f.result() for f in cf.as_completed(list(futs) + list(futs))))

    block = threading.Event()
    stuck = ex.submit(block.wait)
    try:
        for f in cf.as_completed([stuck], timeout=0.02):
            pass
    except cf.TimeoutError as e:
        print("as_completed TimeoutError:", e)

    # wait()
    quick = ex.submit(slow_square, 5)
    d, nd = cf.wait([quick, stuck], return_when=cf.FIRST_COMPLETED)
    print("FIRST_COMPLETED:", [f.result() for f in d], len(nd))
    d, nd = cf.wait([quick, stuck], timeout=0.02)
    print("ALL_COMPLETED with timeout:", len(d), len(nd))
    failing = ex.submit(maybe_fail, 3)
    d, nd = cf.wait([failing, stuck], return_when=cf.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION:", [repr(f.exception()) for f in d], len(nd))
    block.set()
    d, nd = cf.wait([quick, stuck, failing])
    print("ALL_COMPLETED:", len(d), len(nd))
    print(cf.FIRST_COMPLETED, cf.FIRST_EXCEPTION, cf.ALL_COMPLETED)

# cancel(): a queued future can be cancelled, a running or finished one cannot.
with cf.ThreadPoolExecutor(1) as ex:
    gate = threading.Event()
    started = threading.Event()

    def running():
        started.set()
        gate.wait()
        return "ran"

    first = ex.submit(running)
    queued = ex.submit(slow_square, 2)
    started.wait()
    print("cancel running:", first.cancel(), "cancel queued:", queued.cancel())
    print(queued.cancelled(), queued.done())
    try:
        queued.result()
    except cf.CancelledError as e:
        print("CancelledError", type(e).__mro__[1].__name__)
    gate.set()
    print(first.result(), first.cancel())
