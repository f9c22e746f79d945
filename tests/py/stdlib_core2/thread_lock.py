# _thread locks, RLock, _local and the module functions on a one-thread runtime.
import _thread as t

print(t.TIMEOUT_MAX, t.LockType, t.RLock, t._local, t._ExceptHookArgs, t.error)
for f in [lambda: t.LockType(), lambda: t.allocate_lock().acquire(False, 1),
          lambda: t.allocate_lock().acquire(True, -2), lambda: t.allocate_lock().acquire(True, 1e20),
          lambda: t.allocate_lock().release(), lambda: t.RLock().release(), lambda: t.stack_size(100),
          lambda: t._local(1), lambda: t.start_new_thread(1, ()), lambda: t.start_new_thread(print, []),
          lambda: t.start_new_thread(print, (), 1), lambda: t.allocate_lock().acquire(timeout=-1, blocking=False),
          lambda: t.allocate_lock().acquire(1, 2, 3), lambda: t.allocate_lock().acquire(x=1),
          lambda: t.allocate_lock().acquire(timeout='a')]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

l = t.allocate_lock()
print(repr(l).split(' at ')[0], l.acquire(), repr(l).split(' at ')[0], l.acquire(False), l.acquire(timeout=0.01), l.locked())
l.release()
print(l.locked(), l.acquire_lock(), l.locked_lock(), l.release_lock())
with l:
    print("in with", l.locked())
print(l.__enter__(), l.__exit__(1, 2, 3), l.locked())

r = t.RLock()
print(repr(r).split(' at ')[0])
r.acquire()
r.acquire()
print(repr(r).split(' owner=')[0], r._is_owned(), r._recursion_count())
state = r._release_save()
print(state[0], state[1] == t.get_ident(), r._is_owned())
r._acquire_restore(state)
print(r._recursion_count())
r.release(); r.release()
print(r.acquire(blocking=False), r.__enter__(), r.__exit__(None, None, None), r._recursion_count())
r.release()
try:
    r._release_save()
except RuntimeError as e:
    print("RuntimeError", e)

class MyRLock(t.RLock):
    pass
print(repr(MyRLock()).split(' at ')[0])

print(t.get_ident() == t.get_ident(), type(t.get_native_id()), t._count())
print(t.stack_size(), t.stack_size(65536), t.stack_size(0))
print(type(t._set_sentinel()).__name__, t.allocate is not None)

class L(t._local):
    def __init__(self, a):
        self.a = a
x = L(5)
print(x.a, x.__dict__)
y = t._local()
y.q = 1
print(y.q, y.__dict__)
del y.q
try:
    y.q
except AttributeError as e:
    print(e)
try:
    t._local(a=1)
except TypeError as e:
    print(e)

try:
    t.exit()
except SystemExit as e:
    print('SystemExit', e.args)
a = t._ExceptHookArgs((1, 2, 3, 4))
print(a, a.exc_type, a.thread)
