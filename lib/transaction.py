"""transaction: run many small calls in parallel, each atomically, inside one transaction.

    q = transaction.TransactionQueue()
    for key, value in bigdict.items():
        q.add(f, key, value)
    q.run()

Every call added to a TransactionQueue runs inside ``with atomic:`` on a pool of threads, so the
result of run() is always the result of running the calls one after another, in some order,
with no threads at all. On pystm with parallel transactions (``-X stm=parallel``) calls that
touch different data run at the same time; on CPython (or in pystm's serial mode) the same
program runs correctly, only without the speed-up. docs/transaction.md is the user's guide.

    TransactionQueue()        add(f, *args, **kwds), add_generator(gen), run(nthreads=None),
                              number_of_transactions_executed()
    threadlocalproperty(default_factory=None)
                              a descriptor: one value of the attribute per thread
    TransactionError          misuse: run() inside an atomic block, or while already running
    atomic, is_atomic, hint_commit_soon, getsegmentlimit
                              pystm's (on CPython: a module-level RLock and fallbacks)

How run() keeps transactions apart. A transaction that writes an object which another running
transaction reads or writes conflicts with it (one of them aborts and runs again), so the
queue's bookkeeping must not put one shared object into every transaction:
  * each worker owns a _Worker: its calls still to run and its counter. A call added by a
    running call goes to its own worker's list. No other worker reads a busy worker's _Worker:
    the owner writes it in every call, so a reader would conflict with nearly all of them.
  * load balancing is by giving, not stealing: a worker with calls to spare that sees a
    sleeping worker hands it half of them, writing the sleeper's _Worker, which nobody else
    touches while it sleeps.
  * the number of calls run is counted per worker and summed when run() ends.
  * the first exception goes into a list written only when a call fails; workers read it before
    each call.
  * the sleepers and their count (_Idle) are written only when a worker goes to sleep, is given
    work or retires; the last worker to go idle ends the run.
Waiting (for work, for _Run.lock) happens outside atomic blocks: pystm raises pystm.error for
a lock wait inside one.

Invariants:
  TQ-1  Between runs, every call not yet run is in TransactionQueue._pending, in the order add()
        put it there (calls left over by a failed run first).
  TQ-2  During a run, every call not yet run is in exactly one place: the range [lo, hi) of some
        worker's chunk, some worker's added list, the part resume[rlo:] of some worker's resume
        list, or _pending (added by a thread that is not a worker of this run: it waits for the
        next run). A chunk is never written once a worker takes it; only the workers' lo and hi
        move.
  TQ-3  A _Worker is written by its owner, in the atomic block that takes a call and runs it (so
        a call is taken by exactly one worker, and taken and run in one transaction), and by a
        giver only while the owner sleeps, under _Run.lock.
  TQ-4  _Idle.n counts the workers asleep (in _Idle.sleepers) or retired; a giver removes the
        sleeper it gives work to from both. A worker with nothing to run counts itself before
        it waits, so when _Idle.n reaches the number of workers no call is left to run (or the
        run failed) and nothing can add one: the run is over.
  TQ-5  The next step of a generator (add_generator) goes to its worker's resume list, which
        the worker runs, oldest first, before its other calls once _WINDOW steps wait there,
        except that every _PATIENCE-th call in a row is one of the others. So a worker keeps
        only a few generators suspended, however many the queue holds, and a generator's next
        step finds its data still in the cache; a generator that yields until some later call
        has run still ends. Calls added with add() keep the queue's order (after the chunk):
        the order of new work is the program's business (label propagation, say, does far
        more work depth-first).
  TQ-6  Each call runs atomically, but consecutive calls of one worker may share a
        transaction (_pystm._between_calls, vm/stm_client.h): with parallel transactions a
        worker runs up to a per-thread limit of calls per transaction, halved after an abort
        (down to 1) and doubled after 64 commits in a row (up to 64). What a run computes is
        still the result of the calls one after another in some order; fewer commits save the
        transaction's own cost where calls rarely conflict.
"""

import os as _os
import threading as _threading
from _thread import get_ident as _get_ident
from time import monotonic as _monotonic

try:
    from pystm import atomic, is_atomic, hint_commit_soon, getsegmentlimit
    from _pystm import _between_calls  # TQ-6
except ImportError:
    # CPython (or any Python without pystm): one re-entrant lock plays the part of the atomic
    # block. Every call of a TransactionQueue holds it, so the calls are serialized exactly as
    # on pystm; code of other threads that does not take it is not held back.
    # The lock's own nesting count (RLock._recursion_count) is not there before CPython 3.11.4,
    # hence a per-thread count of our own.
    class _Atomic:
        """A re-entrant lock that knows how deep the calling thread holds it."""

        __slots__ = ("_lock", "_depth")

        def __init__(self):
            self._lock = _threading.RLock()
            self._depth = _threading.local()

        def __enter__(self):
            self._lock.acquire()
            self._depth.n = getattr(self._depth, "n", 0) + 1
            return self

        def __exit__(self, *exc_info):
            self._depth.n -= 1
            self._lock.release()
            return False

        def depth(self):
            return getattr(self._depth, "n", 0)

    atomic = _Atomic()

    def is_atomic():
        """The nesting depth of the calling thread's atomic blocks (0 outside)."""
        return atomic.depth()

    def hint_commit_soon():
        """Nothing to do without transactions."""
        return None

    def getsegmentlimit():
        """How many threads run at the same time: one, under CPython's GIL."""
        return 1

    _between_calls = hint_commit_soon


__all__ = ["TransactionQueue", "TransactionError", "threadlocalproperty", "atomic", "is_atomic",
           "hint_commit_soon", "getsegmentlimit"]


# How often at most (seconds) a worker with calls to spare looks for a sleeping worker to give
# them to: the longest a worker sleeps while another has work for it.
_OFFER_INTERVAL = 0.001

# TQ-5: generator steps waiting before a worker runs them ahead of its other calls, and how many
# it runs so in a row at most.
_WINDOW = 4
_PATIENCE = 64


class TransactionError(Exception):
    """A TransactionQueue used where it cannot run."""


class _Worker:
    """One worker's calls and counter (TQ-2, TQ-3). Plain slots: cheap to save for undo."""

    __slots__ = ("chunk", "lo", "hi", "added", "resume", "rlo", "streak", "count", "wake")

    def __init__(self, chunk, lo, hi):
        self.chunk = chunk  # calls to run: chunk[lo:hi] (never written, TQ-2)
        self.lo = lo
        self.hi = hi
        self.added = []  # calls added by this worker's calls, in order
        self.resume = []  # next steps of generators (TQ-5); resume[rlo:] not yet run
        self.rlo = 0
        self.streak = 0  # steps run in a row ahead of other calls (TQ-5)
        self.count = 0  # calls this worker ran
        # Held while the worker does not sleep; released once to wake it. A plain lock, not a
        # Condition: every wait and notify writes a Condition's one deque of waiters, so any
        # two of them would conflict.
        self.wake = _threading.Lock()
        self.wake.acquire()


class _Idle:
    """The workers that sleep, how many sleep or have retired, whether the run is over (TQ-4).
    Written only when a worker goes to sleep, is given work or retires, under _Run.lock."""

    __slots__ = ("sleepers", "n", "done")

    def __init__(self):
        self.sleepers = []  # sleeping workers, to be given work
        self.n = 0  # workers asleep or retired
        self.done = False


class _Run:
    """The state of one run(). Its attributes are set before the workers start and only read
    afterwards, so reading them conflicts with nothing."""

    __slots__ = ("workers", "by_ident", "failed", "idle", "lock", "isolate")

    def __init__(self, workers):
        self.workers = workers
        # With parallel transactions, the reads of _Idle get transactions of their own
        # (_run_own); elsewhere ending a transaction early would only hand the run token over.
        self.isolate = len(workers) > 1 and getsegmentlimit() > 1
        self.by_ident = {}  # thread ident -> _Worker, filled as the workers start
        self.failed = []  # the first exception a call raised (written only then)
        self.idle = _Idle()
        self.lock = _threading.Lock()  # guards idle


class TransactionQueue:
    """A queue of calls, each to run as one transaction.

    add() calls, then run() them: run() returns when the queue is empty, including the calls
    that the calls added. Calls may add more calls to the queue while it runs."""

    def __init__(self):
        self._pending = []  # TQ-1
        self._run = None  # the _Run while run() runs
        self._executed = 0  # calls run by the runs that have ended

    def add(self, f, *args, **kwds):
        """Queue the call f(*args, **kwds). From a call running in this queue's run(), the new
        call runs in the same run(); from any other thread it waits for the next run()."""
        self._queue((f, args, kwds), False)

    def _queue(self, call, step):
        run = self._run
        if run is not None:
            w = run.by_ident.get(_get_ident())
            if w is not None:
                # Only this worker writes its lists (and givers, while it sleeps): no conflict
                # with the calls of other workers.
                (w.resume if step else w.added).append(call)
                return
        self._pending.append(call)

    def add_generator(self, gen):
        """Queue the generator (or any iterator) gen: each step, up to its next yield, runs as
        one transaction, and queues the next step when it yields. The values yielded are
        ignored; the step that finds gen exhausted also counts as a transaction."""

        def step():
            try:
                next(gen)
            except StopIteration:
                return
            self._queue((step, (), {}), True)  # TQ-5

        self.add(step)

    def number_of_transactions_executed(self):
        """How many calls the runs of this queue have run (including those that raised)."""
        if self._run is not None:
            raise TransactionError("TransactionQueue.run() is currently running")
        return self._executed

    def run(self, nthreads=None):
        """Run every call of the queue, and every call that they add, until the queue is empty,
        on nthreads threads (default: the number of cores; the calling thread is one of them).

        If a call raises, no new call starts; the calls already running finish, then run()
        re-raises the first exception, and the calls not yet run stay in the queue for the next
        run(). Raises TransactionError inside an atomic block (and so from inside a call of any
        TransactionQueue): the calls could not run until the block ends."""
        if is_atomic():
            raise TransactionError("TransactionQueue.run() cannot be called in an atomic context")
        if nthreads is None or nthreads <= 0:
            nthreads = _os.cpu_count() or 1
        with atomic:
            # One transaction (one lock hold on CPython): two threads calling run() at once
            # cannot both take the calls.
            if self._run is not None:
                raise TransactionError("TransactionQueue.run() is already running")
            items, self._pending = self._pending, []
            if not items:
                return
            n = len(items)
            workers = [_Worker(items, i * n // nthreads, (i + 1) * n // nthreads)
                       for i in range(nthreads)]
            run = _Run(workers)
            # The calling thread is worker 0: with nthreads=1 no thread starts at all.
            run.by_ident[_get_ident()] = workers[0]
            self._run = run
        threads = []
        try:
            for w in workers[1:]:
                t = _threading.Thread(target=self._worker_main, args=(run, w, True),
                                      daemon=True, name="transaction-worker")
                t.start()
                threads.append(t)
        except BaseException as e:
            # Could not start every thread: the workers without one retire at once.
            with atomic:
                run.failed.append(e)
            for _ in range(nthreads - 1 - len(threads)):
                self._retire(run)
        self._worker_main(run, workers[0], False)
        for t in threads:
            t.join()
        with atomic:
            left = []
            for w in workers:
                left += w.chunk[w.lo:w.hi]
                left += w.added
                left += w.resume[w.rlo:]
                self._executed += w.count
            self._pending[:0] = left
            self._run = None
        if run.failed:
            raise run.failed[0]

    # --- the workers -----------------------------------------------------------------------------

    def _worker_main(self, run, w, register):
        if register:
            # Before its first call, so that add() finds it. The only write to by_ident after
            # run() started: it conflicts with the other workers' calls to add() at start only.
            with atomic:
                run.by_ident[_get_ident()] = w
        try:
            while not self._run_own(run, w):
                if not self._sleep(run, w):
                    return
        except BaseException as e:
            # Not from a call (those are caught in _run_own): an interrupt while waiting, say.
            with atomic:
                if not run.failed:
                    run.failed.append(e)
        self._retire(run)

    def _run_own(self, run, w):
        """Runs the calls of w until it has none left (False) or the run failed (True)."""
        failed = run.failed
        isolate = run.isolate
        next_offer = 0.0
        while True:
            # Taking the next call, counting it and running it are one transaction (TQ-3): the
            # bookkeeping costs no transaction of its own, an abort re-takes the same call, and
            # a failure seen here leaves the call in place, not yet taken.
            with atomic:
                if failed:
                    return True
                steps = len(w.resume) - w.rlo
                if steps and (steps >= _WINDOW and w.streak < _PATIENCE
                              or w.lo == w.hi and not w.added):
                    # TQ-5: the oldest step. The list drops the steps run once they are half of
                    # it, so that it does not keep them alive for the whole run.
                    f, args, kwds = w.resume[w.rlo]
                    w.rlo += 1
                    w.streak += 1
                    if w.rlo == len(w.resume):
                        w.resume = []
                        w.rlo = 0
                    elif w.rlo >= 32 and 2 * w.rlo >= len(w.resume):
                        del w.resume[:w.rlo]
                        w.rlo = 0
                elif w.lo < w.hi:
                    f, args, kwds = w.chunk[w.lo]
                    w.lo += 1
                    w.streak = 0
                elif w.added:
                    chunk = w.added
                    w.added = []
                    w.chunk = chunk
                    w.lo = 1
                    w.hi = len(chunk)
                    f, args, kwds = chunk[0]
                    w.streak = 0
                else:
                    return False
                w.count += 1
                try:
                    f(*args, **kwds)
                except BaseException as e:
                    if not failed:
                        failed.append(e)
                    return True
                # Drop the references before the next call (and before a wait): a call's
                # arguments must not live as long as the run.
                f = args = kwds = None
            # TQ-6: the transaction ends here, or after a few more calls while this thread's
            # calls do not conflict. A transaction that ran on into the next calls regardless
            # would hold what they write until it ends, and conflict over all of it.
            _between_calls()
            # Work beyond the next call, for a sleeping worker if there is one (TQ-4). Every
            # read of _Idle is cut short by a commit on both sides (_offer), and happens at most
            # every _OFFER_INTERVAL seconds: a worker that goes to sleep writes _Idle, and a long
            # transaction that had read it would abort and lose all its calls.
            if w.hi - w.lo + len(w.added) + len(w.resume) - w.rlo >= 2:
                now = _monotonic()
                if now >= next_offer:
                    next_offer = now + _OFFER_INTERVAL
                    if isolate:
                        hint_commit_soon()  # commits at the poll of the call just below
                    self._offer(run, w, isolate)

    def _offer(self, run, w, isolate):
        if run.idle.sleepers:
            self._give(run, w)
        if isolate:
            hint_commit_soon()  # commits at the next poll: this read is the whole transaction

    def _give(self, run, w):
        """Hands about half the calls of w to a sleeping worker and wakes it.

        Busy workers give; idle ones never take. A busy worker writes its own _Worker in every
        call, so a thief that read it would conflict with nearly every transaction of its
        owner; a sleeper's _Worker, on the other hand, is written by nobody until it wakes."""
        with run.lock:
            idle = run.idle
            if not idle.sleepers:
                return
            with atomic:
                to = idle.sleepers.pop()
                idle.n -= 1
                r = w.hi - w.lo
                if r >= 2:
                    k = r // 2  # the upper half of the range
                    to.chunk = w.chunk
                    to.lo = w.hi - k
                    to.hi = w.hi
                    w.hi -= k
                else:
                    # Too few in the range: the oldest of the added calls, or of the steps.
                    calls, lo = (w.added, 0) if w.added else (w.resume, w.rlo)
                    k = max(1, (len(calls) - lo) // 2)
                    to.chunk = calls[lo:lo + k]
                    to.lo = 0
                    to.hi = k
                    del calls[lo:lo + k]
            to.wake.release()

    def _sleep(self, run, w):
        """Sleeps until a busy worker gives w work (True) or the run is over (False) (TQ-4)."""
        idle = run.idle
        with run.lock:
            idle.n += 1
            if idle.n == len(run.workers):
                self._finish(run)
                return False
            idle.sleepers.append(w)
        try:
            w.wake.acquire()
        except BaseException:
            # Interrupted: uncount w unless it was woken meanwhile (the waker uncounted it, or
            # the run is over). The caller retires it.
            with run.lock:
                if w in idle.sleepers:
                    idle.sleepers.remove(w)
                    idle.n -= 1
            raise
        return w.lo < w.hi  # given work; or woken by _finish, with nothing

    def _retire(self, run):
        """Counts a worker that stops for good (the run failed) (TQ-4)."""
        with run.lock:
            run.idle.n += 1
            if run.idle.n == len(run.workers) and not run.idle.done:
                self._finish(run)

    def _finish(self, run):
        # Every worker sleeps with nothing to run (a worker given work is no longer counted) or
        # has retired: nothing can add a call any more. Called under run.lock.
        idle = run.idle
        idle.done = True
        sleepers, idle.sleepers = idle.sleepers, []
        for v in sleepers:
            v.wake.release()


class threadlocalproperty:
    """A descriptor: the attribute has one value per thread.

        class Cache:
            seen = threadlocalproperty(set)

    A thread's first read of obj.seen calls default_factory() and keeps the result for that
    thread (AttributeError without a default_factory); assignment and del act on the calling
    thread's value only. Under parallel transactions the values of different threads never
    conflict: a thread writes the object's table of values only for its first value."""

    def __init__(self, default_factory=None):
        self.default_factory = default_factory
        self.name = None
        # The key of this property's table in the instance __dict__: unique per descriptor.
        self._key = "_threadlocalproperty_%x" % id(self)

    def __set_name__(self, owner, name):
        self.name = name

    def _table(self, obj, create):
        # The table maps a thread ident to (thread, value). The thread object tells a live
        # thread's value from a value left by a finished thread whose ident was reused.
        d = obj.__dict__
        table = d.get(self._key)
        if table is None and create:
            table = d.setdefault(self._key, {})
        return table

    def _missing(self, obj):
        name = self.name or "threadlocalproperty"
        return AttributeError("%r object has no attribute %r in this thread"
                              % (type(obj).__name__, name))

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        me = _threading.current_thread()
        table = self._table(obj, False)
        if table is not None:
            entry = table.get(_get_ident())
            if entry is not None and entry[0] is me:
                return entry[1]
        if self.default_factory is None:
            raise self._missing(obj)
        value = self.default_factory()
        self._table(obj, True)[_get_ident()] = (me, value)
        return value

    def __set__(self, obj, value):
        self._table(obj, True)[_get_ident()] = (_threading.current_thread(), value)

    def __delete__(self, obj):
        table = self._table(obj, False)
        entry = table.get(_get_ident()) if table is not None else None
        if entry is None or entry[0] is not _threading.current_thread():
            raise self._missing(obj)
        del table[_get_ident()]
