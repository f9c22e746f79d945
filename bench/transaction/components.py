"""TransactionQueue graph algorithm with shared state: connected components by label propagation.

Every node starts with its own number as label. A call relaxes one node: it takes the smallest
label among the node and its neighbours, and when that lowers a label it adds calls for the
neighbours whose label is still larger. When the queue is empty every node carries the smallest
node number of its component, whatever order the calls ran in. Calls read their neighbours'
labels and write their own node's, so neighbouring calls conflict now and then: a realistic
low-to-moderate conflict rate.

Usage: components.py THREADS [NODES]. Prints one result line (the same for every thread count,
under pystm and CPython 3.11); with PYSTM_BENCH_STATS=1 also "bench: wall=... key=value ..." on
stderr (bench/run-threads reads it).
"""
import random
import sys

import transaction
from _txbench import timed_run

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
NODES = int(sys.argv[2]) if len(sys.argv) > 2 else 60_000
DEGREE = 3
WORK = 100  # arithmetic per relaxation, standing for a real per-node computation


class Node:
    __slots__ = ("label", "neighbours", "weight")

    def __init__(self, i):
        self.label = i
        self.neighbours = []
        self.weight = 0


def build():
    rng = random.Random(1234)
    nodes = [Node(i) for i in range(NODES)]
    # Components: nodes are cut into runs of random length, each run wired with random edges.
    start = 0
    while start < NODES:
        end = min(NODES, start + rng.randint(20, 400))
        for i in range(start + 1, end):
            for _ in range(DEGREE):
                j = rng.randrange(start, i)
                nodes[i].neighbours.append(nodes[j])
                nodes[j].neighbours.append(nodes[i])
        start = end
    return nodes


def relax(q, node):
    best = node.label
    for n in node.neighbours:
        if n.label < best:
            best = n.label
    x = best
    for _ in range(WORK):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    node.weight = x
    if best < node.label:
        node.label = best
    for n in node.neighbours:
        if n.label > best:
            q.add(relax, q, n)




nodes = build()
q = transaction.TransactionQueue()
for node in nodes:
    q.add(relax, q, node)
timed_run(q, THREADS)
labels = {n.label for n in nodes}
print(f"components of {NODES} nodes: {len(labels)}, label sum {sum(n.label for n in nodes)}")
