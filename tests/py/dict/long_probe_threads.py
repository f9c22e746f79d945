# threads
# Keys whose hashes share their low bits, like thread idents (thread stacks lie at a fixed
# stride): a lookup may follow a probe sequence longer than the table before the perturbation
# separates them. Threads that did not build the dicts and sets find every key in them.
import sys
import threading

nthreads = int(sys.argv[1])
tables = []
for b in range(200):
    base = 0x7F0000000000 + b * 0x1BD5B7DDE5
    for n, stride in ((5, 0x800000), (5, 0xA07000), (10, 0x800000), (21, 1 << 35)):
        keys = [base + j * stride for j in range(n)]
        tables.append((keys, {k: i for i, k in enumerate(keys)}, set(keys)))

results = []


def check():
    found = stray = 0
    for keys, d, s in tables:
        found += sum(1 for i, k in enumerate(keys) if d.get(k) == i and k in d and d[k] == i and k in s)
        stray += sum(1 for k in keys if d.get(k + 1) is not None or (k + 1) in s)
    results.append((found, stray))


threads = [threading.Thread(target=check) for _ in range(nthreads)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sum(len(keys) for keys, d, s in tables), sorted(set(results)))
