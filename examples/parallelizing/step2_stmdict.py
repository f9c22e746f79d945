"""Step 2: the shared counter becomes a pystm.stmdict, whose different keys do not conflict.

The conflict report of step 1 names the line `counts[key] = counts.get(key, 0) + 1`: every
call writes the one dict, so every two calls that overlap conflict. Usage: step2_stmdict.py
[THREADS]
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
    for a, b in zip(words, words[1:]):
        key = a + " " + b
        counts[key] = counts.get(key, 0) + 1


docs = documents()
start = time.perf_counter()
counts = stmdict()
q = transaction.TransactionQueue()
for text in docs:
    q.add(count_doc, counts, text)
q.run(int(sys.argv[1]) if len(sys.argv) > 1 else None)
report(dict(counts), time.perf_counter() - start)
