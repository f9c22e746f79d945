"""pystm.queue: an unordered queue whose put() and get() by different threads rarely conflict.

A queue.Queue is a few shared objects (a deque, a counter, conditions) that every put() and
get() writes, so with parallel transactions all of them conflict. pystm.queue gives each thread
its own segment: put() appends to the caller's segment, get() takes from the front of the
caller's segment and, when that is empty, steals the older half of another thread's. A thread
that consumes what others produce therefore conflicts with a producer once per stolen batch, not
once per item.

Consequences for users: items come out in no particular order (FIFO within one thread's
segment; a thread's get() prefers its own items), and there is no maximum size.
task_done() and join() work like queue.Queue's, except that task_done() called too often is
reported only once no segment has a task left (as queue.Queue reports it).

Blocking: get() that finds nothing registers a lock of its own in _waiters and waits on it
outside any transaction; each put() that finds a waiter releases one. The registration and the
search for items happen in one atomic block, as do put()'s append and its look at _waiters, so
a put() either comes before the search (which finds the item) or sees the waiter (and wakes it).
join() waits the same way on _joiners. Waiting inside `with pystm.atomic:` would wait for
threads that cannot run until the block ends, so get() and join() raise pystm.error there
when they would have to block.

Invariants:
  Q-1  Each thread that used the queue has one segment (_segs, by thread id; _all, in order of
       creation); a segment is never removed. Only its owner appends to a segment; anybody
       takes from its front (between head and the end of items), inside an atomic block.
  Q-2  The sum of the segments' unfinished counts is the number of items put and not yet
       marked done by task_done() (queue.Queue's unfinished_tasks); no count is negative.
       put() adds one to the putter's count; a steal moves (up to) the stolen number of units
       with the items, so that the thread that takes items usually holds their units and its
       task_done() writes only its own segment.
  Q-3  A lock in _waiters (_joiners) is held, and its owner waits on it or is about to; whoever
       removes it from the list releases it (or is its owner, giving up after a timeout).
"""

import _pystm
from _queue import Empty
from _thread import allocate_lock as _allocate_lock, error, get_ident as _get_ident
from time import monotonic as _monotonic

__all__ = ["queue", "Empty"]

_enter = _pystm._atomic_enter
_exit = _pystm._atomic_exit
_MISSING = object()
_COMPACT = 32  # a segment's consumed prefix is cut off once it is this long and half the list


class _Segment:
    """The items put by one thread (items[head:]) and its share of unfinished tasks (Q-1, Q-2)."""

    __slots__ = ("items", "head", "unfinished", "index")

    def __init__(self, index):
        self.items = []
        self.head = 0
        self.unfinished = 0
        self.index = index


def _pop_front(seg):
    """The oldest item of a non-empty segment, removed."""
    items = seg.items
    h = seg.head
    item = items[h]
    h += 1
    if h == len(items):
        items.clear()
        seg.head = 0
    else:
        items[h - 1] = None  # the queue no longer keeps the item alive
        if h >= _COMPACT and 2 * h >= len(items):
            del items[:h]
            h = 0
        seg.head = h
    return item


class queue:
    """An unordered, unbounded queue for threads: put(item), get(block=True, timeout=None),
    task_done(), join(), qsize(), empty(), put_nowait(), get_nowait().

    Puts and gets by different threads rarely conflict (see pystm._queue); items come out in
    no particular order. get() raises pystm.Empty (= queue.Empty) when nothing comes in time.
    """

    __slots__ = ("_segs", "_all", "_waiters", "_joiners", "__weakref__")

    def __init__(self):
        self._segs = {}      # get_ident() -> _Segment
        self._all = []       # every _Segment, in order of creation (index)
        self._waiters = []   # held locks of threads blocked in get()
        self._joiners = []   # held locks of threads blocked in join()

    def _own(self):
        """The calling thread's segment, created on its first use."""
        seg = self._segs.get(_get_ident())
        if seg is None:
            _enter()
            try:
                seg = self._segs.get(_get_ident())
                if seg is None:
                    seg = _Segment(len(self._all))
                    self._all.append(seg)
                    self._segs[_get_ident()] = seg
            finally:
                _exit()
        return seg

    def put(self, item, block=True, timeout=None):
        """Puts [item] into the queue (never blocks: the queue has no maximum size)."""
        seg = self._own()
        _enter()
        try:
            seg.items.append(item)
            seg.unfinished += 1
            if self._waiters:
                self._waiters.pop().release()
        finally:
            _exit()

    def put_nowait(self, item):
        self.put(item)

    def _take(self, seg):
        """An item for the owner of [seg]: its own oldest, else the older half of another
        segment's items is stolen first. _MISSING if the queue is empty. Inside atomic."""
        if seg.head < len(seg.items):
            return _pop_front(seg)
        segs = self._all
        n = len(segs)
        for i in range(seg.index + 1, seg.index + n):
            other = segs[i % n]
            h = other.head
            avail = len(other.items) - h
            if avail <= 0:
                continue
            k = (avail + 1) // 2
            batch = other.items[h:h + k]
            if h + k == len(other.items):
                other.items.clear()
                other.head = 0
            else:
                other.items[h:h + k] = [None] * k
                h += k
                if h >= _COMPACT and 2 * h >= len(other.items):
                    del other.items[:h]
                    h = 0
                other.head = h
            units = min(k, other.unfinished)
            if units:
                other.unfinished -= units
                seg.unfinished += units
            seg.items = batch
            seg.head = 0
            return _pop_front(seg)
        return _MISSING

    def get(self, block=True, timeout=None):
        """Removes and returns an item. block=False, or no item within [timeout] seconds:
        raises Empty. Blocking inside an atomic block raises pystm.error."""
        deadline = None
        if block and timeout is not None:
            if timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            deadline = _monotonic() + timeout
        seg = self._own()
        while True:
            _enter()
            try:
                item = self._take(seg)
                if item is not _MISSING:
                    return item
                if not block or (deadline is not None and deadline - _monotonic() <= 0):
                    raise Empty
                if _pystm.is_atomic() > 1:
                    raise error("queue.get() would block inside an atomic block")
                waiter = _allocate_lock()
                waiter.acquire()
                self._waiters.append(waiter)
            finally:
                _exit()
            if deadline is None:
                waiter.acquire()
            elif not waiter.acquire(True, max(0.0, deadline - _monotonic())):
                _enter()
                try:
                    if waiter in self._waiters:
                        self._waiters.remove(waiter)  # nobody will release it
                finally:
                    _exit()

    def get_nowait(self):
        return self.get(False)

    def task_done(self):
        """Marks one item taken from the queue as processed (see queue.Queue.task_done)."""
        seg = self._own()
        _enter()
        try:
            if seg.unfinished <= 0:
                # Not one of this thread's units: take one of any segment's.
                for seg in self._all:
                    if seg.unfinished > 0:
                        break
                else:
                    raise ValueError("task_done() called too many times")
            seg.unfinished -= 1
            if seg.unfinished == 0 and self._joiners and self._all_done():
                for j in self._joiners:
                    j.release()
                self._joiners.clear()
        finally:
            _exit()

    def _all_done(self):
        for seg in self._all:
            if seg.unfinished:
                return False
        return True

    def join(self):
        """Blocks until every item put has been marked done by task_done()."""
        while True:
            _enter()
            try:
                if self._all_done():
                    return
                if _pystm.is_atomic() > 1:
                    raise error("queue.join() would block inside an atomic block")
                waiter = _allocate_lock()
                waiter.acquire()
                self._joiners.append(waiter)
            finally:
                _exit()
            waiter.acquire()

    def qsize(self):
        """The number of items in the queue (reads every segment: conflicts with puts)."""
        _enter()
        try:
            return sum(len(seg.items) - seg.head for seg in self._all)
        finally:
            _exit()

    def empty(self):
        return self.qsize() == 0

    def __repr__(self):
        return f"<pystm.queue object at {id(self):#x}>"
