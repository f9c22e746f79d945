# threads
# Many threads update one stmdict, stmset and hashtable: disjoint keys (each thread its own) and
# overlapping keys (read-modify-write under atomic). Prints only the final state, which is the
# same for every thread count and interleaving. Under CPython the builtins stand in.
import sys
import threading

try:
    from pystm import atomic, stmdict, stmset, hashtable
except ImportError:
    atomic = threading.RLock()
    stmdict = hashtable = dict
    stmset = set

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2
OPS = 2400 // N * N
d = stmdict()
s = stmset()
h = hashtable()
shared = stmdict.fromkeys(range(16), 0)


def worker(t):
    for i in range(t, OPS, N):
        d[("k", i)] = i
        s.add(i * 3)
        h[i * 1021] = t  # all in one bucket: conflicts, but the result stays right
        with atomic:
            k = i % 16
            shared[k] = shared[k] + 1
        if i % 5 == 0:
            del d[("k", i)]
            s.discard(i * 3)
            h.pop(i * 1021)
        d.setdefault(("first", i % 7), i % 7)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(N)]
for th in threads:
    th.start()
for th in threads:
    th.join()
print(len(d), sum(v for k, v in d.items() if k[0] == "k"),
      sorted(v for k, v in d.items() if k[0] == "first"))
print(len(s), sum(s), len(h), sorted(h.keys())[:3], sum(h.keys()) // 1021)
print(sorted(shared.items())[:3], sum(shared.values()))
print(d == dict(d.items()), s == set(s))
