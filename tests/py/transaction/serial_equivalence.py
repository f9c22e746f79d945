# threads
# The result of a run equals a run of the calls one after another: read-modify-write sequences
# on shared objects lose no update, and invariants that hold between calls always hold.
import sys
import transaction

nthreads = int(sys.argv[1])
q = transaction.TransactionQueue()

# Bank transfers: the total never changes; each call checks it mid-way.
accounts = [1000] * 20
broken = []


def transfer(i, j, amount):
    accounts[i] -= amount
    if sum(accounts) != 20000 - amount:
        broken.append((i, j))
    accounts[j] += amount


for k in range(400):
    q.add(transfer, k % 20, (k * 7 + 3) % 20, k % 13)

# A shared counter, read then written after some work: no lost update.
counter = {"n": 0}


def increment():
    n = counter["n"]
    x = 0
    for i in range(50):
        x += i
    counter["n"] = n + 1 + x - x


for k in range(300):
    q.add(increment)

# Appends from every call: the same items as a serial run, in some order.
log = []


def record(k):
    log.append(k)
    log.append(-k)


for k in range(200):
    q.add(record, k)

q.run(nthreads)
print(sum(accounts), broken)
print(counter["n"])
print(len(log), sorted(log) == sorted(list(range(200)) + [-k for k in range(200)]))
# Each call's two appends are adjacent: no other call ran in between.
print(all(log[i] == -log[i + 1] for i in range(0, len(log), 2)))
print(q.number_of_transactions_executed())
