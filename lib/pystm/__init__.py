"""pystm: control over the transactions that run Python threads in parallel.

Every thread of pystm runs its bytecode in transactions; the result of any run is the result of
some run of CPython with its global interpreter lock. This package gives a program control over
where transactions begin and end, and shows what they cost.

    atomic              ``with pystm.atomic:`` runs the block as one transaction, exactly as if
                        the thread held the GIL for the whole block. Re-entrant.
    exclusive_atomic    the same, but raises pystm.error when already inside an atomic block.
    is_atomic()         the nesting depth of atomic blocks of the calling thread (0 outside).
    hint_commit_soon()  end the current transaction at the next opportunity; useful just before
                        a long atomic block.
    getsegmentlimit()   how many threads run transactions in parallel.
    last_abort_info()   the calling thread's most recent abort (a dict), or None.
    statistics()        counters and times of the transactions of all threads (a dict).

Containers and helpers that do not conflict (docs/containers.md):

    stmdict, stmset     dict and set whose operations on different keys do not conflict
    hashtable           the same for integer keys (PyPy-STM's pypystm.hashtable)
    queue, Empty        an unordered queue whose put() and get() by different threads rarely
                        conflict: get(block, timeout), task_done(), join()
    local               thread-local attributes (= _thread._local, threading.local): one thread's
                        accesses never conflict with another's
    count()             a distinct integer per call, increasing in each thread; no conflict
    time(), clock()     time.time() and time.perf_counter(); they never make the transaction
                        inevitable

Blocking on a lock inside an atomic block would wait for a thread that cannot run until the
block ends, so it raises pystm.error instead of hanging; time.sleep() and I/O inside an atomic
block are allowed (the block keeps running as one transaction).
"""

import _pystm
from _thread import error, _local as local

__all__ = ["atomic", "exclusive_atomic", "is_atomic", "hint_commit_soon", "getsegmentlimit",
           "last_abort_info", "statistics", "error", "stmdict", "stmset", "hashtable", "queue",
           "Empty", "local", "count", "time", "clock"]

is_atomic = _pystm.is_atomic
hint_commit_soon = _pystm.hint_commit_soon
getsegmentlimit = _pystm.getsegmentlimit
last_abort_info = _pystm.last_abort_info
statistics = _pystm.statistics
count = _pystm.count
time = _pystm.time
clock = _pystm.clock


def __getattr__(name):
    # The containers load on first use: most users of pystm (transaction.py) need none of them.
    if name in ("stmdict", "stmset", "hashtable"):
        from pystm import _containers
        value = getattr(_containers, name)
    elif name in ("queue", "Empty"):
        from pystm import _queue
        value = getattr(_queue, name)
    else:
        raise AttributeError(f"module 'pystm' has no attribute '{name}'")
    globals()[name] = value
    return value


# Native context managers (modules/pystm_module.cpp): entering and leaving a block costs two
# builtin calls, which a TransactionQueue pays for every call it runs.
atomic = _pystm.atomic
exclusive_atomic = _pystm.exclusive_atomic
