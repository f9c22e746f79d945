# threads
# list.append, dict item assignment, set.add and deque.append from many threads at once lose
# nothing (each is one atomic operation in CPython, and so in pystm).
import collections
import sys
import threading

NTHREADS = int(sys.argv[1])
PER_THREAD = 60000 // NTHREADS
shared_list = []
shared_dict = {}
shared_set = set()
shared_deque = collections.deque()
start = threading.Barrier(NTHREADS)


def worker(tid):
    start.wait()
    append = shared_list.append
    for j in range(PER_THREAD):
        key = tid * PER_THREAD + j
        append(key)
        shared_dict[key] = tid
        shared_set.add(key)
        shared_deque.append(key)
        if j % 7 == 0:
            shared_dict.setdefault(("first", tid), j)


threads = [threading.Thread(target=worker, args=(i,)) for i in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

N = NTHREADS * PER_THREAD
print("list:", len(shared_list), sorted(shared_list) == list(range(N)))
print("dict:", len(shared_dict), all(shared_dict[k] == k // PER_THREAD for k in range(N)))
print("firsts:", sorted(v for k, v in shared_dict.items() if isinstance(k, tuple)))
print("set:", len(shared_set), shared_set == set(range(N)))
print("deque:", len(shared_deque), sorted(shared_deque) == list(range(N)))
# Each thread's own items keep their relative order in the list.
last = {}
ordered = True
for k in shared_list:
    tid = k // PER_THREAD
    if last.get(tid, -1) > k:
        ordered = False
    last[tid] = k
print("per-thread order kept:", ordered)
