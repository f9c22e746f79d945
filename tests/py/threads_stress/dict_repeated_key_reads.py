# threads
# pystm-env: PYSTM_STM_CHAOS=50 PYSTM_STM_CHAOS_FILTER=1
# Threads read the same key of one shared stmdict several times inside one transaction, with the
# changes that must make a repeated read see something new in between: the thread's own write of
# the value, its own insertion (queued until the commit) and deletion of the key, a write of
# another key of the dict, a whole-dict read (which applies the queued insertions) and other
# threads' commits. pystm answers a read that repeats the thread's last one from memory while
# nothing it depends on changed (DICT-12); every read here must still see the key's current
# state. The same program found that an aborted transaction could leave one of its own value
# writes behind: after a deletion of the key applied by a whole-dict read, the dict's undo
# record put the entry back as the transaction had written it (DICT-13), and the first check of
# the second block ("stale presence") saw a value from a later round. Forced aborts
# (PYSTM_STM_CHAOS) re-run transactions half-way; PYSTM_STM_CHAOS_FILTER keeps the per-key
# reads, which the forced aborts would otherwise turn off. Prints only final state.
import sys
import threading

try:
    from pystm import atomic, hint_commit_soon, stmdict
except ImportError:
    atomic = threading.RLock()
    stmdict = dict

    def hint_commit_soon():
        pass

NTHREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 2
ROUNDS = 4000 // NTHREADS
HOT_ROUNDS = 12000 // NTHREADS
counts = stmdict()
scratch = stmdict()
hot = stmdict()
errors = []


def check(cond, what):
    if not cond:
        errors.append(what)


def worker(tid):
    for i in range(ROUNDS):
        key = "w%d" % (i % 97)
        # A counter updated by every thread: read, write, read again in one transaction.
        with atomic:
            before = counts.get(key, 0)
            counts[key] = counts.get(key, 0) + 1
            check(counts.get(key) == before + 1, "own value write not seen")
            check(counts[key] == before + 1, "own value write not seen by []")
        # A key of this thread alone: inserted (queued), read, deleted, read, inserted again.
        mine = "t%d-%d" % (tid, i % 13)
        with atomic:
            present = mine in scratch
            check(scratch.get(mine) == (i - 13 if present else None), "stale presence")
            scratch[mine] = i
            check(scratch.get(mine) == i, "own insertion not seen")
            check(mine in scratch, "own insertion not seen by in")
            if i % 3 == 0:
                del scratch[mine]
                check(scratch.get(mine) is None, "own deletion not seen")
                check(mine not in scratch, "own deletion not seen by in")
                scratch[mine] = i
            other = "o%d-%d" % (tid, i % 5)
            scratch[other] = i  # another key in between
            check(scratch.get(mine) == i, "read after another key's write")
            if i % 11 == 0:
                # A key that is not a str or an int takes the whole dict: the later reads of
                # `mine` must leave the per-key path.
                v = scratch.get(mine)
                scratch[("t", tid)] = i
                scratch[mine] = i
                check(scratch.get(mine) == i, "write after taking the dict")
                del scratch[mine]
                scratch[mine] = i
            if i % 7 == 0:
                n = len(scratch)  # a whole-dict read applies the queued insertions
                check(n >= 1, "len")
                check(scratch.get(mine) == i, "read after the queue was applied")
                scratch[mine] = i
                check(scratch[mine] == i, "write after the queue was applied")
        # Small int keys, read twice around another thread's possible commits.
        k = i % 31
        with atomic:
            a = counts.get(k, 0)
            b = counts.get(k, 0)
            check(a == b, "two reads of one key in one transaction differ")
            counts[k] = b + 1

    for i in range(HOT_ROUNDS):
        # A transaction whose first read repeats the last read of the one before: the earlier
        # read belongs to the earlier transaction, and a commit of another thread between the
        # two must still make this one re-run (no increment may be lost).
        k = i % 3
        with atomic:
            hot.get(k, 0)
        hint_commit_soon()  # the next block runs in a transaction of its own
        with atomic:
            v = hot.get(k, 0)
            for _ in range(100):  # room for another thread's commit
                pass
            hot[k] = v + 1


threads = [threading.Thread(target=worker, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

total_words = sum(v for k, v in counts.items() if isinstance(k, str))
total_ints = sum(v for k, v in counts.items() if isinstance(k, int))
print("words", total_words == NTHREADS * ROUNDS, "ints", total_ints == NTHREADS * ROUNDS,
      "hot", sum(hot.values()) == NTHREADS * HOT_ROUNDS)
print("scratch keys", len(scratch) == NTHREADS * (min(ROUNDS, 13) + min(ROUNDS, 5) + 1))
print("errors", sorted(set(errors)))
