"""Step 5: the shared stmdict again, updated in small transactions.

Step 3 wrote each document's counts into the shared dict in one transaction: hundreds of keys,
a few of them (the common bigrams) written by nearly every call, so two calls almost always met.
Here each document is a generator queued with add_generator: each step, up to its next yield,
is one transaction. The first step counts the document locally; each further step adds MERGE
of those counts to the shared stmdict. Two steps of MERGE keys rarely share one, and an stmdict
does not make steps that write different keys conflict. The result is unchanged: every step is
atomic, and additions commute.
Usage: step5_steps.py [THREADS]
"""
import sys
import time

import transaction
from _corpus import documents, report

try:
    from pystm import stmdict
except ImportError:  # CPython: a plain dict
    stmdict = dict

MERGE = 32


def count_doc(counts, text):
    words = text.split()
    local = {}
    for a, b in zip(words, words[1:]):
        key = a + " " + b
        local[key] = local.get(key, 0) + 1
    items = list(local.items())
    yield
    for i in range(0, len(items), MERGE):
        for key, n in items[i:i + MERGE]:
            counts[key] = counts.get(key, 0) + n
        yield


docs = documents()
start = time.perf_counter()
counts = stmdict()
q = transaction.TransactionQueue()
for text in docs:
    q.add_generator(count_doc(counts, text))
q.run(int(sys.argv[1]) if len(sys.argv) > 1 else None)
report(dict(counts), time.perf_counter() - start)
