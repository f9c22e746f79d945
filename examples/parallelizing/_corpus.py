"""The documents the word-count examples count: DOCS seeded random texts over a vocabulary
with a few very common words, like real text."""
import random

DOCS = 2000
WORDS_PER_DOC = 600


def documents():
    rng = random.Random(42)
    vocabulary = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
                  for _ in range(5000)]
    weights = [1.0 / (rank + 10) for rank in range(len(vocabulary))]
    return [" ".join(rng.choices(vocabulary, weights, k=WORDS_PER_DOC)) for _ in range(DOCS)]


def report(counts, seconds):
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    print(f"{len(counts)} distinct bigrams, {sum(counts.values())} in all, top {top}")
    import sys
    print(f"counted in {seconds:.2f} s", file=sys.stderr)
