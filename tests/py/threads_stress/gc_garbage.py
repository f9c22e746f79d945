# threads
# Threads allocate a lot of short-lived garbage (lists, dicts, tuples, strings, instances,
# reference cycles) and keep some results alive, while other threads are blocked on locks and
# events or run gc.collect(); the surviving data is intact afterwards.
import gc
import sys
import threading
import weakref

NTHREADS = int(sys.argv[1])
ROUNDS = 8000 // NTHREADS


class Node:
    __slots__ = ("value", "next", "__weakref__")

    def __init__(self, value, nxt=None):
        self.value = value
        self.next = nxt


kept = [None] * NTHREADS
gate = threading.Event()
lock = threading.Lock()
blocked_results = []
collections_run = []


def allocator(tid):
    survivors = []
    for r in range(ROUNDS):
        junk = [str(r) * 3, (r, tid), {"r": r, "t": tid}, [r] * 10, bytes(r % 64)]
        a = Node(r)
        b = Node(-r, a)
        a.next = b  # a cycle, garbage once the round ends
        text = "-".join(str(x) for x in range(r % 20))
        if r % 50 == 0:
            survivors.append((r, text, Node(r, Node(r + 1)), junk[2]))
        if r % 500 == 0 and tid == 0:
            collections_run.append(gc.collect() >= 0)
    kept[tid] = survivors


def blocked_waiter(tid):
    # Holds references on its stack while it sleeps in a blocking wait.
    data = {i: [i] * 5 for i in range(200)}
    ref = Node(tid)
    gate.wait()
    with lock:
        blocked_results.append((sum(len(v) for v in data.values()), ref.value == tid))


waiters = [threading.Thread(target=blocked_waiter, args=(i,)) for i in range(max(1, NTHREADS // 2))]
workers = [threading.Thread(target=allocator, args=(i,)) for i in range(NTHREADS)]
for t in waiters + workers:
    t.start()
for t in workers:
    t.join()
gate.set()
for t in waiters:
    t.join()
gc.collect()

ok = True
for tid, survivors in enumerate(kept):
    for r, text, node, d in survivors:
        ok &= (text == "-".join(str(x) for x in range(r % 20)) and node.value == r
               and node.next.value == r + 1 and d == {"r": r, "t": tid})
print("survivors per thread:", [len(s) for s in kept])
print("survivors intact:", ok)
print("blocked threads' data intact:", sorted(blocked_results))
print("collections ran:", all(collections_run), len(collections_run) >= 1)

# Weak references to garbage are cleared by a collection; to live objects they are not. (A
# collector that scans C++ stacks conservatively may keep the odd dead object alive a little
# longer, so the check allows a few.)
def dead_refs():
    return [weakref.ref(Node(i)) for i in range(100)]


live = Node("live")
refs = dead_refs()
live_ref = weakref.ref(live)
gc.collect()
print("dead refs cleared:", sum(r() is None for r in refs) >= 90, live_ref() is live)
