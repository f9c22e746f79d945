"""Scaffolding shared by the multi-threaded benchmarks of this directory (not a benchmark).

run(worker) starts the threads and returns their results. The thread count is sys.argv[1]
(default 1). Thread 0 is the main thread, so a 1-thread run starts no thread at all; with n
threads, n - 1 are started and the main thread joins them after doing its own share.

Environment:
    PYSTM_BENCH_STATS  when set, one line "bench: key=value ..." goes to stderr: wall and cpu
                       (perf_counter and process_time of the timed section, which is the work
                       of all threads, thread start and join included) and, under pystm, the
                       change of every number of pystm.statistics() over that section.
    PYSTM_BENCH_SCALE  a factor (default 1) applied to each program's amount of work, for
                       slow tools such as callgrind (bench/stm-cost).
    PYSTM_BENCH_IDLE   when set, a second thread is alive for the whole timed section, blocked
                       in Event.wait(): the work is the same, but the interpreter runs it with
                       more than one thread registered.
stdout only carries the program's own result line, identical for every thread count and for
pystm and CPython 3.11.
"""
import os
import sys
import threading
import time

try:
    import pystm
except ImportError:
    pystm = None


def thread_count():
    return int(sys.argv[1]) if len(sys.argv) > 1 else 1


def scaled(amount):
    """[amount] times PYSTM_BENCH_SCALE, at least 1."""
    return max(1, int(amount * float(os.environ.get("PYSTM_BENCH_SCALE", "1"))))


def share(total, t, n):
    """The half-open range [lo, hi) of items 0..total-1 that thread t of n works on."""
    return total * t // n, total * (t + 1) // n


def _flat_stats():
    if pystm is None:
        return {}
    flat = {}
    for key, value in pystm.statistics().items():
        if isinstance(value, dict):
            for sub, v in value.items():
                flat[f"{key}.{sub}"] = v
        else:
            flat[key] = value
    return flat


def run(worker):
    """Runs worker(t, n) on n threads (t = 0 on the main thread); returns the n results."""
    n = thread_count()
    idle = stop = None
    if os.environ.get("PYSTM_BENCH_IDLE"):
        stop = threading.Event()
        idle = threading.Thread(target=stop.wait)
        idle.start()
    results = [None] * n
    failed = []

    def body(t):
        try:
            results[t] = worker(t, n)
        except BaseException as e:
            failed.append(e)
            raise

    threads = [threading.Thread(target=body, args=(t,)) for t in range(1, n)]
    before = _flat_stats()
    wall = time.perf_counter()
    cpu = time.process_time()
    for th in threads:
        th.start()
    body(0)
    for th in threads:
        th.join()
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu
    after = _flat_stats()
    if idle is not None:
        stop.set()
        idle.join()
    if failed:
        sys.exit(f"{len(failed)} worker thread(s) failed")
    if os.environ.get("PYSTM_BENCH_STATS"):
        fields = [f"wall={wall:.6f}", f"cpu={cpu:.6f}"]
        for key in sorted(after):
            value = after[key]
            if key != "threads":
                value -= before.get(key, 0)
            fields.append(f"{key}={value}")
        print("bench:", " ".join(fields), file=sys.stderr)
    return results
