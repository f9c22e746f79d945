# pystm-env: PYSTM_STM=parallel PYSTM_STM_CHAOS=
# Advancing an itertools iterator, a finditer() scanner, a csv reader or a struct.iter_unpack
# iterator, changing a deque or a defaultdict, calling an lru_cache wrapper, writing through a
# memoryview, updating a hash object, running in a contextvars context, resetting a variable
# with its token and filling an ABC's caches with isinstance(), all made before the
# transaction, do not make the transaction inevitable: these types keep undo records
# (ITER-2, DEQUE-2; UNDO-1 makes a transaction that writes an object without one inevitable,
# which stops every other thread's commits until it ends). CPython has no pystm: there the
# test prints what pystm must print.
import abc
import collections
import contextvars
import csv
import functools
import hashlib
import itertools
import re
import struct
import threading

try:
    import pystm
except ImportError:
    pystm = None


def inevitable():
    return pystm.statistics()["inevitable_commits"] if pystm else 0


def settle():
    # Ends the running transaction: hint_commit_soon() takes effect at the next restart point,
    # which the loop's backward jump is.
    for _ in range(3):
        if pystm:
            pystm.hint_commit_soon()
        for _ in range(100):
            pass


VAR = contextvars.ContextVar("VAR", default=0)


def made_token():
    ctx = contextvars.copy_context()
    return ctx, ctx.run(VAR.set, 2)


@functools.lru_cache(maxsize=None)
def cached(n):
    return n + 1


CASES = [
    ("repeat", lambda: itertools.repeat(1, 10), lambda o: next(o)),
    ("count", itertools.count, lambda o: next(o)),
    ("cycle", lambda: itertools.cycle([1, 2]), lambda o: next(o)),
    ("accumulate", lambda: itertools.accumulate([1, 2, 3]), lambda o: next(o)),
    ("chain", lambda: itertools.chain([1], [2]), lambda o: next(o)),
    ("islice", lambda: itertools.islice(range(10), 5), lambda o: next(o)),
    ("pairwise", lambda: itertools.pairwise([1, 2, 3]), lambda o: next(o)),
    ("groupby", lambda: itertools.groupby("aabb"), lambda o: next(o)),
    ("tee", lambda: itertools.tee([1, 2, 3])[0], lambda o: next(o)),
    ("zip_longest", lambda: itertools.zip_longest([1], [2, 3]), lambda o: (next(o), next(o))),
    ("product", lambda: itertools.product([1, 2], [3, 4]), lambda o: next(o)),
    ("permutations", lambda: itertools.permutations([1, 2, 3]), lambda o: next(o)),
    ("combinations", lambda: itertools.combinations([1, 2, 3], 2), lambda o: next(o)),
    ("deque.append", collections.deque, lambda o: o.append(1)),
    ("deque.popleft", lambda: collections.deque([1, 2]), lambda o: o.popleft()),
    ("deque iterator", lambda: iter(collections.deque([1, 2])), lambda o: next(o)),
    ("defaultdict", lambda: collections.defaultdict(int), lambda o: o.__setitem__(1, o[1] + 1)),
    ("lru_cache", lambda: cached, lambda o: o(3)),
    ("memoryview", lambda: memoryview(bytearray(4)), lambda o: o.__setitem__(0, 1)),
    ("finditer", lambda: re.finditer("a", "aaa"), lambda o: next(o)),
    ("csv reader", lambda: csv.reader(["a,b", "c,d"]), lambda o: next(o)),
    ("iter_unpack", lambda: struct.iter_unpack("b", b"abc"), lambda o: next(o)),
    ("sha256", hashlib.sha256, lambda o: o.update(b"x")),
    ("blake2b", hashlib.blake2b, lambda o: o.update(b"x")),
    ("context.run", contextvars.copy_context, lambda o: o.run(VAR.set, 1)),
    ("token reset", made_token, lambda o: o[0].run(VAR.reset, o[1])),
    # An isinstance() check against an ABC fills its caches (_abc's _abc_data).
    ("abc caches", lambda: (abc.ABCMeta("A", (), {}), type("C", (), {})),
     lambda o: isinstance(o[1](), o[0])),
]

made_inevitable = []


def made_inevitable_once(make, change):
    obj = make()
    settle()
    before = inevitable()
    settle()
    idle = inevitable() - before  # what settling alone counts
    if pystm:
        with pystm.atomic:
            change(obj)
    else:
        change(obj)
    settle()
    return inevitable() - before - idle > idle


def work():
    # A type without an undo record makes the transaction inevitable every time; a collection
    # that runs a finalizer in the middle of a round makes one inevitable now and then, so a
    # case counts only if all three of its rounds were. (A plain loop: code that a native
    # function such as all() runs, a generator expression's, has no restart point, so its
    # transactions would not end where settle() asks.)
    for name, make, change in CASES:
        rounds = 0
        for _ in range(3):
            if made_inevitable_once(make, change):
                rounds += 1
        if rounds == 3:
            made_inevitable.append(name)


# A second thread engages the STM; the main thread waits, outside any transaction.
t = threading.Thread(target=work)
t.start()
t.join()
print("made their transaction inevitable:", made_inevitable)
