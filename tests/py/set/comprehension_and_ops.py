words = "the quick brown the lazy the end".split()
print(sorted({w for w in words}), len(set(words)), {len(w) for w in words})
s = set(range(10))
s -= {1, 2}; s &= set(range(5)); s |= {100}; s ^= {0, 200}
print(sorted(s))
