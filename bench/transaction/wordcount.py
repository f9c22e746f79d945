"""TransactionQueue word count: one call per document, all counting into one shared dictionary.

DOCS generated documents (a seeded Zipf-like vocabulary) are counted by word bigram into one
shared counter. With pystm the counter is a `pystm.stmdict`, whose different keys do not
conflict, so calls conflict only when they update the same bigram at the same time (the common
words do: a realistic low-conflict workload); under CPython it is a plain dict.

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
    for key, n in local.items():
        counts[key] = counts.get(key, 0) + n




docs = make_docs()
counts = stmdict()
q = transaction.TransactionQueue()
for text in docs:
    q.add(count_doc, counts, text)
timed_run(q, THREADS)
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(f"bigrams of {DOCS} documents: {len(counts)} distinct, {sum(counts.values())} in all, "
      f"top {top}")
