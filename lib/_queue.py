"""C-level queue primitives that queue.py imports: SimpleQueue and Empty.

CPython implements this module in C; pystm writes it in Python over a _thread lock. The lock is
a "the queue may be non-empty" signal: it is held while the queue is empty, every put() releases
it, and a get() that takes the last item leaves it held, while one that leaves items behind
releases it again for the next waiter.
"""

import _thread
from _collections import deque
from time import monotonic as _time

__all__ = ["Empty", "SimpleQueue"]


def _parse(name, args, kwargs, before):
    # (block=True, timeout=None) with the messages of CPython's argument parser; [before] is
    # how many arguments precede them in the count of the message (put's item counts).
    given = len(args) + len(kwargs) + (1 if before else 0)
    if len(args) > 2:
        raise TypeError(f"{name}() takes at most {2 + (1 if before else 0)} arguments ({given} given)")
    values = {"block": True, "timeout": None}
    for key, value in zip(("block", "timeout"), args):
        values[key] = value
    for key, value in kwargs.items():
        if key not in values:
            raise TypeError(f"'{key}' is an invalid keyword argument for {name}()")
        if key in ("block", "timeout")[:len(args)]:
            raise TypeError(f"argument for {name}() given by name ('{key}') and position ({('block', 'timeout').index(key) + 1 + (1 if before else 0)})")
        values[key] = value
    return values["block"], values["timeout"]


class Empty(Exception):
    "Exception raised by Queue.get(block=0)/get_nowait()."
    pass


class SimpleQueue:
    """Simple, unbounded, reentrant FIFO queue."""

    __slots__ = ("_queue", "_lock", "__weakref__")

    def __new__(cls, *args, **kwargs):
        if args and cls is SimpleQueue:
            raise TypeError("SimpleQueue() takes no positional arguments")
        if kwargs and cls is SimpleQueue:
            raise TypeError("SimpleQueue() takes no keyword arguments")
        self = object.__new__(cls)
        self._queue = deque()
        self._lock = _thread.allocate_lock()
        self._lock.acquire()
        return self

    def _signal(self):
        try:
            self._lock.release()
        except RuntimeError:
            pass  # already released: a waiter will find the items

    def put(self, item, *args, **kwargs):
        """Put the item on the queue.

        The optional 'block' and 'timeout' arguments are ignored, as this method
        never blocks.  They are provided for compatibility with the Queue class.
        """
        _parse("put", args, kwargs, 2)
        self._queue.append(item)
        self._signal()

    def put_nowait(self, item):
        """Put an item into the queue without blocking.

        This is exactly equivalent to `put(item, block=False)` and is only provided
        for compatibility with the Queue class.
        """
        self.put(item, False)

    def get(self, *args, **kwargs):
        """Remove and return an item from the queue.

        If optional args 'block' is true and 'timeout' is None (the default),
        block if necessary until an item is available. If 'timeout' is
        a non-negative number, it blocks at most 'timeout' seconds and raises
        the Empty exception if no item was available within that time.
        Otherwise ('block' is false), return an item if one is immediately
        available, else raise the Empty exception ('timeout' is ignored
        in that case).
        """
        block, timeout = _parse("get", args, kwargs, 0)
        endtime = None
        if block and timeout is not None:
            if timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            endtime = _time() + timeout
        while True:
            # One call takes the item: another consumer may empty the queue between a test of
            # its length and a popleft() (as between any two bytecodes in CPython).
            try:
                item = self._queue.popleft()
            except IndexError:
                pass
            else:
                if self._queue:
                    self._signal()
                return item
            if not block:
                raise Empty
            if endtime is None:
                self._lock.acquire()
            else:
                remaining = endtime - _time()
                if remaining <= 0 or not self._lock.acquire(True, remaining):
                    if self._queue:
                        continue
                    raise Empty

    def get_nowait(self):
        """Remove and return an item from the queue without blocking.

        Only get an item if one is immediately available. Otherwise
        raise the Empty exception.
        """
        return self.get(False)

    def empty(self):
        """Return True if the queue is empty, False otherwise (not reliable!)."""
        return not self._queue

    def qsize(self):
        """Return the approximate size of the queue (not reliable!)."""
        return len(self._queue)

    def __class_getitem__(cls, item):
        from types import GenericAlias
        return GenericAlias(cls, item)
