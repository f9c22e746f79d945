# threads
# Big shared list, dict and set mutated from several threads, inside pystm.atomic blocks and out:
# appends and pops at the end, pops and inserts in the middle, deletions, popitem, resizes
# (growth and clear), sorts. With parallel transactions every abort must put each container back
# exactly (per-entry undo records); the final state is independent of the interleaving.
import sys
import threading

try:
    from pystm import atomic
except ImportError:
    atomic = threading.RLock()

NTHREADS = int(sys.argv[1])
ROUNDS = 2400 // NTHREADS
BASE = 20000
shared_list = list(range(BASE))
shared_dict = dict.fromkeys(range(BASE), 0)
shared_set = set(range(BASE))
scratch = {}  # filled and cleared by every thread: resizes and clears of a shared dict
start = threading.Barrier(NTHREADS)


def worker(tid):
    start.wait()
    for r in range(ROUNDS):
        k = (tid * 7919 + r * 104729) % BASE
        with atomic:
            # The list: net effect zero, besides the counter slot.
            shared_list.append(-1)
            shared_list.append(-2)
            shared_list.pop()
            shared_list.pop()
            x = shared_list.pop(k)
            shared_list.insert(k, x)
            shared_list[k] += 1
            shared_list[k] -= 1
            # The dict: one counter per round, the rest undone again.
            shared_dict[k] += 1
            shared_dict[("tmp", tid, r)] = r
            del shared_dict[("tmp", tid, r)]
            # The set: remove and add back, plus a transient key.
            shared_set.discard(k)
            shared_set.add(("t", tid))
            shared_set.add(k)
            shared_set.discard(("t", tid))
        if r % 50 == 0:
            with atomic:
                for i in range(200):
                    scratch[(tid, i)] = i
                for i in range(200):
                    del scratch[(tid, i)]
                shared_list.sort()
        if r % 97 == 0:
            with atomic:
                item = shared_dict.popitem()
                shared_dict[item[0]] = item[1]
                shared_list.extend(range(300))
                del shared_list[BASE:]


threads = [threading.Thread(target=worker, args=(i,)) for i in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print("list", len(shared_list), shared_list == list(range(BASE)))
keys = sorted(shared_dict)
print("dict", len(shared_dict), sum(shared_dict.values()), keys[:3], keys[-3:])
print("set", len(shared_set), shared_set == set(range(BASE)))
print("scratch", scratch)
