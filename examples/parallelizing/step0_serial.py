"""Step 0: the serial program. Counts the word bigrams of every document into one dict."""
import time

from _corpus import documents, report


def count_doc(counts, text):
    words = text.split()
    for a, b in zip(words, words[1:]):
        key = a + " " + b
        counts[key] = counts.get(key, 0) + 1


docs = documents()
start = time.perf_counter()
counts = {}
for text in docs:
    count_doc(counts, text)
report(counts, time.perf_counter() - start)
