# threads
# Consecutive calls of one worker may share a transaction (TQ-6): calls that never conflict run
# many to a transaction, calls that conflict fall back to one each, and every call stays atomic
# either way. Prints only order-independent results; under CPython (no pystm) the checks that
# read pystm's statistics print what pystm must print.
import os
import sys

import transaction

try:
    import pystm
except ImportError:
    pystm = None

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 2
CALLS = 20_000


def commits():
    return pystm.statistics()["commits"] if pystm else 0


class Cell:
    __slots__ = ("value",)

    def __init__(self):
        self.value = 0


# 1. Disjoint calls: far fewer commits than calls once the threads run in parallel.
cells = [Cell() for _ in range(CALLS)]


def touch(cell, k):
    cell.value = k


q = transaction.TransactionQueue()
for k in range(CALLS):
    q.add(touch, cells[k], k)
before = commits()
q.run(THREADS)
# Forced aborts (PYSTM_STM_CHAOS) put every worker back to one call per transaction.
parallel = (pystm is not None and THREADS > 1 and pystm.getsegmentlimit() > 1
            and not os.environ.get("PYSTM_STM_CHAOS"))
print("disjoint:", sum(c.value for c in cells), q.number_of_transactions_executed())
print("fewer commits than calls:", (commits() - before) * 4 < CALLS if parallel else True)


# 2. Calls that all conflict: each moves one unit between two fields of a shared object and
# checks the invariant they keep. A call that saw half of another call's change would count a
# violation.
class Pair:
    __slots__ = ("a", "b", "violations", "calls")

    def __init__(self):
        self.a = 0
        self.b = 0
        self.violations = 0
        self.calls = 0


pair = Pair()


def move(p, n):
    if p.a + p.b != 0:
        p.violations += 1
    p.a += n
    s = 0
    for i in range(50):  # some work between the two halves of the change
        s += i
    p.b -= n
    p.calls += 1


q = transaction.TransactionQueue()
for k in range(4000):
    q.add(move, pair, k % 7 + 1)
q.run(THREADS)
print("conflicting:", pair.a, pair.b, pair.violations, pair.calls)


# 3. Calls that add calls, and a call that raises in the middle of the run: the first
# exception comes out of run(), and the calls already run stay counted.
class Tally:
    __slots__ = ("n",)

    def __init__(self):
        self.n = 0


tallies = [Tally() for _ in range(THREADS * 4)]


def spread(q, depth, i):
    tallies[i % len(tallies)].n += 1
    if depth:
        q.add(spread, q, depth - 1, 2 * i)
        q.add(spread, q, depth - 1, 2 * i + 1)


q = transaction.TransactionQueue()
q.add(spread, q, 11, 1)
q.run(THREADS)
print("tree:", sum(t.n for t in tallies), q.number_of_transactions_executed())


def fail():
    raise ValueError("call failed")


q = transaction.TransactionQueue()
for k in range(500):
    q.add(touch, cells[k], -1)
q.add(fail)
try:
    q.run(THREADS)
except ValueError as e:
    print("raised:", e)
q.run(THREADS)  # the calls a failed run left behind
print("after the failure:", sum(c.value for c in cells[:500]), q.number_of_transactions_executed())
