# A thread that releases a lock and then runs a long computation in one transaction. Starting a
# thread releases locks the starting thread waits for (the thread's Event.set() and threading's
# `with _active_limbo_lock:`), and sum() over a generator has no restart point inside, so the
# worker's first transaction ran from its start to the end of its sum(). The starting thread,
# inevitable after its blocking wait, then needed those locks and killed the worker's
# transaction, again and again (THR-4: the release of a lock that other threads wait for or
# have met held now ends its transaction at the next restart point, and wakes the waiters when
# it commits).
# CPython has no pystm: there the test prints what pystm must print.
import threading
import time

try:
    import pystm
except ImportError:
    pystm = None


def f(i):
    return (i * i) % 7


def work(n, out, k):
    out[k] = sum(f(i) for i in range(n))


def lost():
    return pystm.statistics()["time_aborted"] if pystm else 0.0


def main():
    before = lost()
    start = time.perf_counter()
    out = [0] * 4
    threads = [threading.Thread(target=work, args=(200_000 + k, out, k)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    wasted = lost() - before
    print(out)
    # The time of the aborted attempts, summed over the threads: a few short ones may remain (a
    # release met before its commit); each worker's whole sum, several times over, did before,
    # which is more than the elapsed time. Half of it leaves room for a machine so busy that the
    # short attempts take long (a quarter of it failed once next to other tests).
    ok = wasted < 0.5 * elapsed
    print("little work lost:", ok, "" if ok else (wasted, elapsed))


main()
