# threads
# Every thread hammers the same few objects (a shared instance, list slots, a dict, a nested
# list) with atomic read-modify-write blocks and unsynchronized appends and pops; all threads
# finish and the final state is exact.
import sys
import threading

try:
    from pystm import atomic
except ImportError:
    import threading; atomic = threading.RLock()

NTHREADS = int(sys.argv[1])
ROUNDS = 40000 // NTHREADS


class Shared:
    def __init__(self):
        self.a = 0
        self.b = 0
        self.log = []


hot = Shared()
cells = [0, 0]
registry = {}
matrix = [[0] * 3 for _ in range(3)]
stack = []
finished = []


def writer(tid):
    for r in range(ROUNDS):
        with atomic:
            hot.a += 1
            hot.b = hot.a - hot.b  # read and write the same fields as everyone else
            cells[r & 1] += 1
            registry[r % 5] = registry.get(r % 5, 0) + 1
            row = matrix[r % 3]
            row[tid % 3] += 1
        stack.append(r)
        if r % 2:
            with atomic:
                if stack:
                    stack.pop()
                    hot.log.append(tid)
    finished.append(tid)


threads = [threading.Thread(target=writer, args=(i,)) for i in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

total = NTHREADS * ROUNDS
print("finished:", sorted(finished))
print("a:", hot.a, total)
print("cells:", cells, sum(cells))
print("registry:", sorted(registry.items()), sum(registry.values()))
print("matrix total:", sum(map(sum, matrix)),
      "per column:", [sum(row[c] for row in matrix) for c in range(3)])
print("pushes minus pops:", len(stack) + len(hot.log), total)
print("pops per thread:", sorted(hot.log.count(t) for t in range(NTHREADS)) == [ROUNDS // 2] * NTHREADS)
