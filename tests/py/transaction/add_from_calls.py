# threads
# Calls add more calls to the same queue while it runs; run() returns only when they have all
# run, including calls added by added calls.
import sys
import transaction

nthreads = int(sys.argv[1])
q = transaction.TransactionQueue()
leaves = [0]
nodes = {}


def tree(depth, path):
    nodes[path] = depth
    if depth == 0:
        leaves[0] += 1
        return
    q.add(tree, depth - 1, path + "0")
    q.add(tree, depth - 1, path + "1")


q.add(tree, 10, "")
q.run(nthreads)
print(leaves[0], len(nodes), q.number_of_transactions_executed())
print(sorted(nodes)[:5], max(nodes.values()))

# A chain: each call adds exactly one more.
chain = []


def link(k):
    chain.append(k)
    if k < 300:
        q.add(link, k + 1)


q.add(link, 0)
q.run(nthreads)
print(chain == list(range(301)), q.number_of_transactions_executed())

# Fan-out from one call, keyword arguments included.
results = {}


def square(k, scale=1):
    results[k] = k * k * scale


def spread(n):
    for k in range(n):
        q.add(square, k, scale=2)


q.add(spread, 500)
q.run(nthreads)
print(len(results), sum(results.values()), q.number_of_transactions_executed())

# Calls added to another queue (not running) wait for that queue's run().
other = transaction.TransactionQueue()
ran = []


def to_other(k):
    other.add(ran.append, k)


for k in range(5):
    q.add(to_other, k)
q.run(nthreads)
print(ran, other.number_of_transactions_executed())
other.run(nthreads)
print(sorted(ran), other.number_of_transactions_executed())
