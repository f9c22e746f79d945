# TransactionQueue basics: add() with positional and keyword arguments, run() returns None, an
# empty queue runs nothing, each call runs inside an atomic block, and the queue is empty after.
import transaction

q = transaction.TransactionQueue()
print(q.run())  # nothing queued
print(q.number_of_transactions_executed())

seen = []


def call(a, b=0, *rest, **kw):
    seen.append((a, b, rest, sorted(kw.items()), transaction.is_atomic() > 0))


q.add(call, 1)
q.add(call, 2, 3)
q.add(call, 4, 5, 6, 7)
q.add(call, 8, x=9, b=10)
q.add(call, a=11)
print("before run", seen, q.number_of_transactions_executed())
print(q.run(1))
for entry in sorted(seen):
    print(entry)
print(q.number_of_transactions_executed())

# Runs again: nothing left, nothing runs.
q.run(1)
print(q.number_of_transactions_executed(), len(seen))

# Builtins and bound methods are calls too.
out = []
q.add(out.append, "x")
q.add(out.extend, ["y", "z"])
q.add(print, "printed inside a transaction")
q.run(1)
print(sorted(out), q.number_of_transactions_executed())

# The calling thread sees the effects of every call once run() returns.
total = [0]


def bump(n):
    total[0] += n


for i in range(100):
    q.add(bump, i)
q.run(2)
print(total[0], q.number_of_transactions_executed())
print(transaction.is_atomic())
