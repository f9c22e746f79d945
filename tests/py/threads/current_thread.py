# current_thread, main_thread, get_ident, active_count, enumerate, _DummyThread for threads
# started with _thread.
import _thread
import threading

main = threading.main_thread()
print(main.name, main is threading.current_thread(), main.daemon, main.is_alive())
print(type(main).__name__, main.ident == threading.get_ident() == _thread.get_ident())
print(threading.active_count(), threading.activeCount is not None)
print([t.name for t in threading.enumerate()])

gate = threading.Event()
info = {}
lock = threading.Lock()


def worker(i):
    me = threading.current_thread()
    with lock:
        info[i] = (me.name, me is not threading.main_thread(),
                   threading.main_thread() is main)
    gate.wait()


threads = [threading.Thread(target=worker, args=(i,), name=f"w{i}") for i in range(3)]
for t in threads:
    t.start()
while len(info) < 3:
    pass
print("active while running:", threading.active_count())
print(sorted(t.name for t in threading.enumerate()))
print(all(t in threading.enumerate() for t in threads))
gate.set()
for t in threads:
    t.join()
print(sorted(info.items()))
print("active after join:", threading.active_count(), [t.name for t in threading.enumerate()])

# A thread started with _thread.start_new_thread gets a _DummyThread from current_thread().
done = threading.Event()
dummy = []


def raw():
    cur = threading.current_thread()
    dummy.append((type(cur).__name__, cur.name.startswith("Dummy-"), cur.daemon,
                  cur.ident == _thread.get_ident(), cur in threading.enumerate()))
    done.set()


ident = _thread.start_new_thread(raw, ())
done.wait()
print(dummy, isinstance(ident, int))
print(_thread._count() >= 0, type(threading.get_native_id()).__name__)
