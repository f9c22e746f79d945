# threads
# array.array shared between threads: appends, item updates and slice writes under contention
# must all survive (every write goes through the barriers and is undone on an abort).
import array
import sys
import threading

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2
shared = array.array('q')
counters = array.array('i', [0] * n)
lock = threading.Lock()


def work(k):
    for i in range(300):
        shared.append(k * 1000 + i)
        counters[k] += 1
        if i % 50 == 0:
            with lock:
                counters[0:0] = array.array('i')
    local = array.array('d', range(100))
    local[::2] = array.array('d', [0.5] * 50)
    assert sum(local) == sum(range(1, 100, 2)) + 25.0

threads = [threading.Thread(target=work, args=(k,)) for k in range(n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shared), sorted(shared) == sorted(k * 1000 + i for k in range(n) for i in range(300)))
print(list(counters) == [300] * n)
