# threads
# threading.local (= pystm.local, _thread._local) under many threads: every thread sees only its
# own attributes, a subclass's __init__ runs once per thread with the constructor's arguments.
import sys
import threading

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2
plain = threading.local()
inits = []


class Counter(threading.local):
    def __init__(self, start):
        inits.append(start)
        self.n = start


counter = Counter(100)
errors = []


def worker(t):
    plain.t = t
    for i in range(2000):
        counter.n += 1
        if plain.t != t:
            errors.append((t, plain.t))
        plain.t = t
    plain.items = [t] * 3
    if counter.n != 2100 or plain.items != [t] * 3:
        errors.append(("end", t, counter.n))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(N)]
for th in threads:
    th.start()
for th in threads:
    th.join()
print(errors, len(inits), set(inits), counter.n, hasattr(plain, "t"))
