# threads
# Many threads delete keys of one shared dict and elements of one shared set, each thread its own
# keys (pystm queues such deletions to the commit and locks only the key's stripe, DICT-11 and
# SET-7). Inside one transaction a thread deletes a key and reads it back as absent, puts it back
# (it moves to the end of the order), deletes a key it inserted itself, and pops with defaults;
# other atomic blocks check len(), iteration and copies against the threads' own counts. Keys are
# str and int (read without the container's lock) and tuples (through its own barriers).
import sys
import threading

try:
    from pystm import atomic, stmdict
except ImportError:
    atomic = threading.RLock()
    stmdict = dict

NTHREADS = int(sys.argv[1])
ROUNDS = 3000 // NTHREADS
shared = {}
members = set()
for tid in range(NTHREADS):
    for i in range(ROUNDS):
        shared[f"s{tid}.{i}"] = i
        shared[1_000_000 * (tid + 1) + i] = i
        members.add(1_000_000 * (tid + 1) + i)
        if i % 5 == 0:
            shared[(tid, i)] = i
            members.add((tid, i))
counts = stmdict()  # per thread: its keys still in the dict
for tid in range(NTHREADS):
    counts[tid] = ROUNDS * 2 + len(range(0, ROUNDS, 5))
errors = []


def worker(tid):
    bad = 0
    for i in range(ROUNDS):
        s = f"s{tid}.{i}"
        n = 1_000_000 * (tid + 1) + i
        with atomic:
            if i % 3 == 0:
                del shared[s]  # gone for good
                if s in shared or shared.get(s) is not None or shared.pop(s, "none") != "none":
                    bad += 1
                members.discard(n)
                if n in members:
                    bad += 1
                counts[tid] = counts[tid] - 1
            elif i % 3 == 1:
                v = shared.pop(s)  # deleted, then put back: it moves to the end
                if v != i or s in shared:
                    bad += 1
                shared[s] = v + 1
                members.remove(n)
                members.add(n)
            else:
                t = f"t{tid}.{i}"
                shared[t] = i  # a new key, then deleted in the same transaction
                del shared[t]
                if t in shared:
                    bad += 1
                members.add(-n)
                members.discard(-n)
            if n in shared and shared.pop(n) == i:
                counts[tid] = counts[tid] - 1
            if i % 5 == 0:
                del shared[(tid, i)]  # a tuple key: the container's own path
                members.discard((tid, i))
                counts[tid] = counts[tid] - 1
        if i % 17 == 0:
            with atomic:
                if len(shared) != sum(counts.values()):
                    bad += 1
                if sum(1 for _ in shared) != len(shared):
                    bad += 1
        if i % 41 == 0:
            with atomic:
                if len(dict(shared)) != sum(counts.values()):
                    bad += 1
    errors.append(bad)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected = {}
for tid in range(NTHREADS):
    for i in range(ROUNDS):
        if i % 3 == 1:
            expected[f"s{tid}.{i}"] = i + 1
        elif i % 3 == 2:
            expected[f"s{tid}.{i}"] = i
print("errors:", sum(errors))
print("keys:", len(shared) == len(expected), len(shared) == sum(counts.values()))
print("items exact:", shared == expected)
print("set exact:", members == {1_000_000 * (tid + 1) + i for tid in range(NTHREADS)
                                for i in range(ROUNDS) if i % 3 != 0})
# Per thread, its keys put back come after all those never deleted, each group in its own order.
order_ok = True
for tid in range(NTHREADS):
    mine = [k for k in shared if k.startswith(f"s{tid}.")]
    kept = [f"s{tid}.{i}" for i in range(ROUNDS) if i % 3 == 2]
    back = [f"s{tid}.{i}" for i in range(ROUNDS) if i % 3 == 1]
    order_ok = order_ok and mine == kept + back
print("order:", order_ok)
