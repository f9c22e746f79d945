# threads
# pystm-env: PYSTM_STM_CHAOS=100
# Threads call functools.cache and lru_cache functions shared by all of them, inside atomic
# blocks that forced aborts (PYSTM_STM_CHAOS) throw away and re-run. cache_info() counts are
# statistics that pystm keeps outside the STM, so that threads calling one cached function do
# not conflict over them; a call adds to them when its transaction commits (LRU-1), so an
# aborted attempt's calls count nothing and every committed call counts once. A thread reads
# its own uncommitted calls in cache_info() (and, as the counts are not isolated, the calls of
# other threads that committed meanwhile). cache_clear() resets the counts. Prints only final,
# order-independent state.
import functools
import sys
import threading

try:
    from pystm import atomic
except ImportError:
    atomic = threading.RLock()

NTHREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 2
ROUNDS = 300
KEYS = 40


@functools.cache
def square(n):
    return n * n


@functools.lru_cache(maxsize=16)
def cube(n):
    return n * n * n


errors = []


def worker(tid):
    for r in range(ROUNDS):
        with atomic:
            before = square.cache_info()
            square((tid + r) % KEYS)
            square((tid * 7 + r) % KEYS)
            after = square.cache_info()
            # This thread's own two calls are visible to it at once (other threads' calls that
            # committed meanwhile may show too: the counts are statistics, not isolated).
            if (after.hits + after.misses) - (before.hits + before.misses) < 2:
                errors.append("own calls not counted")
            cube(r % 24)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

info = square.cache_info()
print("square calls counted once each", info.hits + info.misses == 2 * NTHREADS * ROUNDS)
print("square entries", info.currsize, info.misses >= KEYS)
c = cube.cache_info()
print("cube calls counted once each", c.hits + c.misses == NTHREADS * ROUNDS, c.currsize)
print("errors", errors[:3])
square.cache_clear()
print("after clear", square.cache_info())
