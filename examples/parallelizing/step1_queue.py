"""Step 1: one transaction per document, on all cores (transaction.TransactionQueue).

The only change from step 0: the loop adds the calls to a queue, and run() executes them, each
as one atomic transaction, on a pool of threads. The result is the same as step 0's, whatever
the order the calls ran in. Usage: step1_queue.py [THREADS]
"""
import sys
import time

import transaction
from _corpus import documents, report


def count_doc(counts, text):
    words = text.split()
    for a, b in zip(words, words[1:]):
        key = a + " " + b
        counts[key] = counts.get(key, 0) + 1


docs = documents()
start = time.perf_counter()
counts = {}
q = transaction.TransactionQueue()
for text in docs:
    q.add(count_doc, counts, text)
q.run(int(sys.argv[1]) if len(sys.argv) > 1 else None)
report(counts, time.perf_counter() - start)
