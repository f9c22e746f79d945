# threading.Thread: target, args, kwargs, name, daemon, start/join, is_alive, ident, native_id.
import os
import re
import threading

results = {}


def work(a, b, *, c=0):
    t = threading.current_thread()
    results[t.name] = (a, b, c, t.ident == threading.get_ident(),
                       t.native_id == threading.get_native_id())


def plain_repr(t):
    return re.sub(r"\d{3,}", "N", repr(t))


t = threading.Thread(target=work, args=(1, 2), kwargs={"c": 3})
print(t.name, t.daemon, t.ident, t.native_id, t.is_alive())
print(plain_repr(t))
t.start()
t.join()
print(t.is_alive(), isinstance(t.ident, int), isinstance(t.native_id, int))
print(plain_repr(t))
print(results)

# Default names count every Thread created; the target's name is appended.
t2 = threading.Thread(target=work, args=("x", "y"))
t3 = threading.Thread(target=work, args=("p", "q"), name="worker")
t4 = threading.Thread(target=lambda: None)
t5 = threading.Thread()
print(t2.name, "|", t3.name, "|", t4.name, "|", t5.name)
for t in (t2, t3, t4, t5):
    t.start()
for t in (t2, t3, t4, t5):
    t.join()
print(sorted(results.items()))

# The name and daemon flag can be set before start; daemon is inherited from the creating thread.
t6 = threading.Thread(target=work, args=(0, 0), daemon=True)
print(t6.daemon)
t6.name = "renamed"
print(t6.name)
t6.start()
t6.join()
print(results["renamed"])

inherited = []


def spawn_child():
    child = threading.Thread(target=lambda: None)
    inherited.append(child.daemon)


d = threading.Thread(target=spawn_child, daemon=True)
d.start()
d.join()
nd = threading.Thread(target=spawn_child)
nd.start()
nd.join()
print(inherited)

# Thread subclass overriding run().
class Worker(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.out = None

    def run(self):
        self.out = sum(range(self.n))


ws = [Worker(i * 10) for i in range(5)]
for w in ws:
    w.start()
for w in ws:
    w.join()
print([w.out for w in ws], [w.name for w in ws])

# Idents and native ids of distinct live threads differ.
gate = threading.Event()
ids = []


def hold():
    ids.append((threading.get_ident(), threading.get_native_id()))
    gate.wait()


hs = [threading.Thread(target=hold) for _ in range(4)]
for h in hs:
    h.start()
while len(ids) < 4:
    pass
gate.set()
for h in hs:
    h.join()
print(len({i for i, _ in ids}), len({n for _, n in ids}))
print(threading.main_thread().native_id == os.getpid())
print(threading.get_ident() not in {i for i, _ in ids})
