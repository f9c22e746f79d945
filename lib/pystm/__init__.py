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

Blocking on a lock inside an atomic block would wait for a thread that cannot run until the
block ends, so it raises pystm.error instead of hanging; time.sleep() and I/O inside an atomic
block are allowed (the block keeps running as one transaction).
"""

import _pystm
from _thread import error

__all__ = ["atomic", "exclusive_atomic", "is_atomic", "hint_commit_soon", "getsegmentlimit",
           "last_abort_info", "statistics", "error"]

is_atomic = _pystm.is_atomic
hint_commit_soon = _pystm.hint_commit_soon
getsegmentlimit = _pystm.getsegmentlimit
last_abort_info = _pystm.last_abort_info
statistics = _pystm.statistics


class _Atomic:
    """Context manager: the block runs as one transaction (re-entrant)."""

    __slots__ = ()

    def __enter__(self):
        _pystm._atomic_enter()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        _pystm._atomic_exit()
        return False

    def __repr__(self):
        return "pystm.atomic"


class _ExclusiveAtomic(_Atomic):
    """Like atomic, but raises pystm.error if the thread is already inside an atomic block."""

    __slots__ = ()

    def __enter__(self):
        if _pystm.is_atomic():
            raise error("exclusive_atomic block nested inside an atomic block")
        _pystm._atomic_enter()
        return self

    def __repr__(self):
        return "pystm.exclusive_atomic"


atomic = _Atomic()
exclusive_atomic = _ExclusiveAtomic()
