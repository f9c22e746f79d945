"""Step 4: no shared counter during the run: one dict per worker thread, merged at the end.

transaction.threadlocalproperty gives each worker thread its own value of an attribute, so the
calls of different threads never touch the same dict; the main thread adds the per-thread dicts
together after run(). Usage: step4_merge.py [THREADS]
"""
import sys
import time

import transaction
from _corpus import documents, report


class Counts:
    mine = transaction.threadlocalproperty(dict)

    def __init__(self):
        self.all = []  # every thread's dict, registered on its first use

    def local(self):
        d = self.mine
        if not d:
            d["\\0"] = 0  # a marker: registered once per thread
            with transaction.atomic:
                self.all.append(d)
        return d


def count_doc(counts, text):
    words = text.split()
    local = counts.local()
    for a, b in zip(words, words[1:]):
        key = a + " " + b
        local[key] = local.get(key, 0) + 1


docs = documents()
start = time.perf_counter()
counts = Counts()
q = transaction.TransactionQueue()
for text in docs:
    q.add(count_doc, counts, text)
q.run(int(sys.argv[1]) if len(sys.argv) > 1 else None)
total = {}
for d in counts.all:
    for key, n in d.items():
        if key != "\\0":
            total[key] = total.get(key, 0) + n
report(total, time.perf_counter() - start)
