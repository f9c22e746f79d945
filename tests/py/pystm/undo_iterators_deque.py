# pystm-env: PYSTM_STM=engaged PYSTM_STM_CHAOS=3
# Iterators of itertools, deques (and their iterators), defaultdicts, lru_cache wrappers,
# memoryviews, regular expression scanners (finditer), csv readers, struct.iter_unpack
# iterators and hash objects keep undo records (ITER-2, DEQUE-2): an attempt that advances or changes one made
# before it, and then aborts (forced here at one barrier in three), puts it back as it was, and
# the re-run continues from there. Each round changes every object and prints what it got, so a
# step lost or done twice by a rolled-back attempt shows in the output. CPython has no pystm and
# no aborts; the output must be the same.
import collections
import csv
import functools
import hashlib
import itertools
import re
import struct

# Made before the rounds: changing them takes the barriers' slow paths, where the forced aborts
# happen (what an attempt allocated itself it writes on the fast path).
its = {
    "count": itertools.count(5, 2),
    "cycle": itertools.cycle("abc"),
    "repeat": itertools.repeat("r", 40),
    "accumulate": itertools.accumulate(range(100)),
    "chain": itertools.chain(range(3), "xyz", range(10, 60)),
    "compress": itertools.compress(range(200), itertools.cycle([1, 0, 1])),
    "dropwhile": itertools.dropwhile(lambda x: x < 5, range(100)),
    "takewhile": itertools.takewhile(lambda x: x < 30, range(100)),
    "filterfalse": itertools.filterfalse(lambda x: x % 3, range(200)),
    "starmap": itertools.starmap(pow, [(2, k) for k in range(60)]),
    "pairwise": itertools.pairwise(range(60)),
    "islice": itertools.islice(itertools.count(), 3, 200, 4),
    "zip_longest": itertools.zip_longest(range(5), "abcdefghij", range(20), fillvalue="-"),
    "product": itertools.product("ab", range(3), repeat=2),
    "permutations": itertools.permutations(range(5), 3),
    "combinations": itertools.combinations(range(8), 3),
    "cwr": itertools.combinations_with_replacement("abcd", 3),
    "enumerate": enumerate("abcdefghijklmnopqrstuvwxyz" * 3),
}
tee_a, tee_b = itertools.tee(range(100))
groups = itertools.groupby("aaabbbcccdddeeefffggghhhiii" * 2)
dq = collections.deque(range(5))
bounded = collections.deque(range(3), maxlen=4)
dq_iter = iter(collections.deque(range(100)))
dd = collections.defaultdict(list)
calls = []


@functools.lru_cache(maxsize=8)
def cached(n):
    calls.append(n)
    return n * n


buf = bytearray(16)
view = memoryview(buf)
matches = re.finditer(r"(\w)(\d+)", "a1 b22 c333 d4444 e5 f66 g777 h8 i99 j0 k11 l222 m3")
rows = csv.reader([f'{k},"q{k}",x y' for k in range(20)])
unpacked = struct.iter_unpack("<hb", bytes(range(60)))
sha = hashlib.sha256()
blake = hashlib.blake2b(digest_size=16)

for rnd in range(12):
    row = []
    for name, it in its.items():
        row.append((name, next(it, None)))
    row.append(("tee", next(tee_a), next(tee_a), next(tee_b)))
    key, grp = next(groups, (None, iter(())))
    row.append(("groupby", key, list(grp)))
    dq.append(rnd)
    dq.appendleft(-rnd)
    if rnd % 3 == 0:
        dq.popleft()
        dq.rotate(2)
    bounded.append(rnd)
    dd[rnd % 4].append(rnd)
    row.append(("deque", list(dq), list(bounded), next(dq_iter), len(dd[rnd % 4])))
    row.append(("cache", cached(rnd % 5), cached.cache_info()))
    view[rnd] = rnd + 1
    m = next(matches)
    row.append(("re", m.group(1, 2), m.span(), next(rows), rows.line_num, next(unpacked)))
    sha.update(b"%d" % rnd)
    blake.update(b"%d" % rnd)
    row.append(("hash", sha.hexdigest()[:16], blake.hexdigest()[:16]))
    print(rnd, row)

print(sorted(dd.items()), calls, bytes(buf))
