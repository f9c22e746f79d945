"""Step 3: each call counts into a dict of its own, merged into the shared one in one pass.

The report of step 2 still shows conflicts at the update of the shared counter: common bigrams
are updated by almost every call. Counting each document into a local dict first, then adding
those counts to the shared one, makes every call touch each shared key once instead of once per
occurrence, and keeps the work (splitting and counting) outside any shared object.
Usage: step3_local.py [THREADS]
"""
import sys
import time

import transaction
from _corpus import documents, report

try:
    from pystm import stmdict
except ImportError:  # CPython: a plain dict
    stmdict = dict


def count_doc(counts, text):
    words = text.split()
    local = {}
    for a, b in zip(words, words[1:]):
        key = a + " " + b
        local[key] = local.get(key, 0) + 1
    for key, n in local.items():
        counts[key] = counts.get(key, 0) + n


docs = documents()
start = time.perf_counter()
counts = stmdict()
q = transaction.TransactionQueue()
for text in docs:
    q.add(count_doc, counts, text)
q.run(int(sys.argv[1]) if len(sys.argv) > 1 else None)
report(dict(counts), time.perf_counter() - start)
