"""Scaffolding shared by the TransactionQueue benchmarks of this folder (not a benchmark).

timed_run(q, threads) runs the queue and, when PYSTM_BENCH_STATS is set, prints one line
"bench: wall=... cpu=... key=value ..." on stderr: the wall-clock and CPU time (all threads) of
q.run(threads) and, under pystm, the change of every number of pystm.statistics() over it
(bench/run-threads reads the line).
"""
import os
import sys
import time

try:
    import pystm
except ImportError:
    pystm = None


def thread_count():
    return int(sys.argv[1]) if len(sys.argv) > 1 else 1


def _stats():
    if pystm is None:
        return {}
    flat = {}
    for key, value in pystm.statistics().items():
        if isinstance(value, dict):
            for sub, v in value.items():
                flat[key + "." + sub] = v
        elif key != "threads":
            flat[key] = value
    return flat


def timed_run(q, threads):
    before = _stats()
    wall = time.perf_counter()
    cpu = time.process_time()
    q.run(threads)
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    after = _stats()
    if os.environ.get("PYSTM_BENCH_STATS"):
        fields = [f"wall={wall:.6f}", f"cpu={cpu:.6f}"]
        fields += [f"{k}={after[k] - before.get(k, 0):.6g}" for k in sorted(after)]
        print("bench:", " ".join(fields), file=sys.stderr)
