# pystm's _thread module until real threads exist (the threads issue replaces it with a
# built-in module, which then shadows this file). The process has exactly one thread, so:
#   * locks are real state machines (acquire/release/locked, RLock ownership and counts), and a
#     blocking acquire of a lock that only this thread could release raises RuntimeError
#     instead of hanging forever (the deadlock CPython would sit in);
#   * start_new_thread raises RuntimeError: starting threads is not supported yet;
#   * _local is a plain object (one thread: one set of attributes).

import os as _os

error = RuntimeError
TIMEOUT_MAX = 9223372036.0


def _check_timeout(blocking, timeout):
    if not blocking and timeout != -1:
        raise ValueError("can't specify a timeout for a non-blocking call")
    if timeout < 0 and timeout != -1:
        raise ValueError("timeout value must be a non-negative number")


class LockType:

    def __init__(self):
        self._locked = False

    def acquire(self, blocking=True, timeout=-1):
        _check_timeout(blocking, timeout)
        if not self._locked:
            self._locked = True
            return True
        if not blocking or timeout >= 0:
            if timeout > 0:
                import time
                time.sleep(timeout)
            return False
        raise RuntimeError("deadlock: blocking acquire of a held lock in the only thread (pystm has no threads yet)")

    acquire_lock = acquire

    def release(self):
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        self._locked = False

    release_lock = release

    def locked(self):
        return self._locked

    locked_lock = locked

    def _at_fork_reinit(self):
        self._locked = False

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()

    def __repr__(self):
        return "<%s %s object at %s>" % ("locked" if self._locked else "unlocked",
                                          "_thread.lock", hex(id(self)))


LockType.__name__ = "lock"
LockType.__qualname__ = "lock"


class RLock:

    def __init__(self):
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        _check_timeout(blocking, timeout)
        me = get_ident()
        if self._count and self._owner != me:
            if not blocking or timeout >= 0:
                return False
            raise RuntimeError("deadlock: RLock held by another thread")
        self._owner = me
        self._count += 1
        return True

    def release(self):
        if not self._count or self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if not self._count:
            self._owner = None

    def _is_owned(self):
        return bool(self._count) and self._owner == get_ident()

    def _recursion_count(self):
        return self._count if self._owner == get_ident() else 0

    def _release_save(self):
        if not self._count:
            raise RuntimeError("cannot release un-acquired lock")
        state = (self._count, self._owner)
        self._count = 0
        self._owner = None
        return state

    def _acquire_restore(self, state):
        self._count, self._owner = state

    def _at_fork_reinit(self):
        self._owner = None
        self._count = 0

    __enter__ = acquire

    def __exit__(self, *args):
        self.release()

    def __repr__(self):
        return "<%s %s.%s object owner=%r count=%d at %s>" % (
            "locked" if self._count else "unlocked", self.__class__.__module__,
            self.__class__.__qualname__, self._owner, self._count, hex(id(self)))


def allocate_lock():
    return LockType()


allocate = allocate_lock


def get_ident():
    # The one thread's identifier: stable for the life of the process.
    return _os.getpid()


def get_native_id():
    return _os.getpid()


def _count():
    return 0


_stack_size = 0


def stack_size(size=0):
    global _stack_size
    if size != 0 and size < 32768:
        raise ValueError("size not valid: %d bytes" % size)
    old, _stack_size = _stack_size, size
    return old


def start_new_thread(function, args, kwargs=None):
    raise RuntimeError("can't start new thread: pystm does not support threads yet")


start_new = start_new_thread


def exit():
    raise SystemExit


exit_thread = exit


def interrupt_main(signum=2):
    import signal
    signal.raise_signal(signum)


def _set_sentinel():
    return LockType()


def daemon_threads_allowed():
    return True


class _local:
    pass


class _ExceptHookArgs(tuple):
    # (exc_type, exc_value, exc_traceback, thread), as threading.excepthook receives them.
    def __new__(cls, args):
        return super().__new__(cls, args)

    exc_type = property(lambda self: self[0])
    exc_value = property(lambda self: self[1])
    exc_traceback = property(lambda self: self[2])
    thread = property(lambda self: self[3])


def _excepthook(args):
    import sys
    import traceback
    if args.exc_type == SystemExit:
        return
    stderr = sys.stderr
    if stderr is None:
        return
    name = args.thread.name if args.thread is not None else get_ident()
    print("Exception in thread %s:" % name, file=stderr, flush=True)
    traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback, file=stderr)
    stderr.flush()
