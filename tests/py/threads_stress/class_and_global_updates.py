# threads
# Class attributes and module globals are read by every thread and usually written by none, so
# pystm keeps them out of read sets (read-mostly objects). Here they are written often, while
# other threads read them: pairs updated together inside atomic blocks are always seen together,
# and no update is lost, whether the objects stay read-mostly (class dicts) or leave the scheme
# after enough writes (module globals).
import sys
import threading

try:
    from pystm import atomic
except ImportError:
    atomic = threading.RLock()

NTHREADS = int(sys.argv[1])
ROUNDS = 4000 // NTHREADS


class Pair:
    a = 0
    b = 0

    def total(self):
        return self.a + self.b


class Child(Pair):
    pass


ga = 0
gb = 0
torn = []


def worker(tid):
    global ga, gb
    child = Child()
    bad = 0
    for i in range(ROUNDS):
        if i % 4 == tid % 4:
            with atomic:
                Pair.a += 1
                Pair.b += 1
                ga += 1
                gb += 1
        else:
            with atomic:
                # Through the class, an instance (cached lookups along the MRO) and globals.
                if Pair.a != Pair.b or child.a != child.b or child.total() != 2 * child.a:
                    bad += 1
                if ga != gb:
                    bad += 1
    torn.append(bad)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

writes = sum(len([i for i in range(ROUNDS) if i % 4 == t % 4]) for t in range(NTHREADS))
print("torn reads:", sum(torn))
print("Pair:", Pair.a == writes, Pair.b == writes, "globals:", ga == writes, gb == writes)
print("Child sees:", Child.a == Pair.a, Child().total() == 2 * writes)
