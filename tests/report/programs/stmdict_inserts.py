# TransactionQueue tasks insert overlapping ranges of new keys into one stmdict: each key is
# inserted by eight tasks, so two tasks that run at once meet on keys at the marked line. pystm
# queues the insertion of a new key and applies it when the transaction commits; the report must
# still name the marked line on both sides, not the line of transaction.py where the commit
# happened (LOC-3).
import transaction
from pystm import stmdict

table = stmdict()


def task(i):
    for k in range(i * 8, i * 8 + 64):
        table[k] = i  # CONFLICT


q = transaction.TransactionQueue()
for i in range(20000):
    q.add(task, i)
q.run(2)
print(len(table))
