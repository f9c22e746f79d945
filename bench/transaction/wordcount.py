"""TransactionQueue word count: documents counted by word bigram into one shared dictionary.

DOCS generated documents (a seeded Zipf-like vocabulary) are counted by word bigram into one
shared counter. With pystm the counter is a `pystm.stmdict`, whose different keys do not
conflict; under CPython it is a plain dict.

Each document is one generator (TransactionQueue.add_generator): its first step counts the
document into a local dict, each further step adds MERGE of those counts to the shared counter,
one transaction per step. One transaction per whole document would conflict nearly always: two
documents share about three of their ~590 bigrams (the common words), so two transactions that
each add a whole document to the counter almost always meet on a key. Steps of MERGE keys
meet with a chance of about 3 * (MERGE / 590)**2, a fraction of a percent.

Usage: wordcount.py THREADS [DOCS]. Prints one result line (the same for every thread count,
under pystm and CPython 3.11); with PYSTM_BENCH_STATS=1 also "bench: wall=... key=value ..." on
stderr (bench/run-threads reads it).
"""
import random
import sys

import transaction
from _txbench import timed_run

try:
    from pystm import stmdict
except ImportError:
    stmdict = dict

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
DOCS = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
WORDS_PER_DOC = 600
MERGE = 32  # shared-counter updates per transaction


def make_docs():
    rng = random.Random(42)
    vocabulary = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
                  for _ in range(5000)]
    weights = [1.0 / (rank + 10) for rank in range(len(vocabulary))]
    docs = []
    for _ in range(DOCS):
        words = rng.choices(vocabulary, weights, k=WORDS_PER_DOC)
        docs.append(" ".join(words))
    return docs


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




docs = make_docs()
counts = stmdict()
q = transaction.TransactionQueue()
for text in docs:
    q.add_generator(count_doc(counts, text))
timed_run(q, THREADS)
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(f"bigrams of {DOCS} documents: {len(counts)} distinct, {sum(counts.values())} in all, "
      f"top {top}")
