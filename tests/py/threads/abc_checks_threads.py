# isinstance()/issubclass() against ABCs and register() from several threads at once: the
# native _abc module's caches and registry stay consistent (each thread's classes are
# registered and recognised, no other class is).
import abc
import collections.abc
import threading


class Root(abc.ABC):
    pass


results = {}
lock = threading.Lock()


def worker(i):
    mine = []
    ok = True
    for n in range(30):
        cls = type(f"C{i}_{n}", (), {})
        if n % 2:
            Root.register(cls)
            mine.append(cls)
        ok &= isinstance(cls(), Root) == bool(n % 2)
        ok &= issubclass(cls, Root) == bool(n % 2)
        ok &= isinstance([], collections.abc.Sequence) and not isinstance(3, collections.abc.Sized)
        ok &= isinstance({}, collections.abc.Mapping)
    ok &= all(issubclass(c, Root) for c in mine)
    with lock:
        results[i] = (ok, len(mine))


threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
