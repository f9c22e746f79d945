# threads
# pystm-env: PYSTM_STM_CHAOS=200
# Threads count words into one shared stmdict with `d[k] = d.get(k, 0) + 1`, the pattern of a
# word count: most keys are new when a thread first counts them, and the threads count the same
# keys at about the same time, so two transactions often queue the insertion of one key (pystm
# defers insertions of new keys to the commit, DICT-10): the other thread's insertion of the key
# must then make one of the two transactions abort, never leave the key twice or lose a count.
# Small transactions of many keys also meet in stripes (keys sharing a stripe), and the dict
# resizes while they commit. Forced aborts (PYSTM_STM_CHAOS) throw away attempts between their
# key reads and their commits. At the end every count is exact, the dict holds each key once
# and iteration agrees with len().
import sys
import threading

try:
    from pystm import atomic, stmdict
except ImportError:
    atomic = threading.RLock()
    stmdict = dict

NTHREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 2
WORDS = 6000
ROUNDS = 3
STEP = 24  # keys per atomic block, as a TransactionQueue step of a word count

counts = stmdict()


def words_for(tid):
    # Every thread counts every word ROUNDS times, in an order of its own, so that the threads
    # meet on new keys early and on present keys later.
    step = (7, 11, 13, 17, 19, 23, 29, 31)[tid % 8]  # prime to WORDS: every word, ROUNDS times
    return [f"w{(i * step) % WORDS}" for i in range(WORDS * ROUNDS)]


def worker(tid):
    ws = words_for(tid)
    for i in range(0, len(ws), STEP):
        with atomic:
            for w in ws[i:i + STEP]:
                counts[w] = counts.get(w, 0) + 1


threads = [threading.Thread(target=worker, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected = NTHREADS * ROUNDS
keys = list(counts)
print("distinct", len(counts), len(keys), len(set(keys)))
print("all exact", all(counts[f"w{i}"] == expected for i in range(WORDS)))
print("total", sum(counts.values()) == WORDS * expected)
print("items agree", sorted(counts.items()) == sorted((f"w{i}", expected) for i in range(WORDS)))
