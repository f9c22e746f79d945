# threads
# run(nthreads): the calls run on at most nthreads threads, the calling thread among them;
# nthreads=None (or 0) means the number of cores. The result does not depend on it.
import os
import sys
import threading
import transaction

nthreads = int(sys.argv[1])
q = transaction.TransactionQueue()
threads_used = set()
total = [0]


def work(k):
    threads_used.add(threading.get_ident())
    s = 0
    for i in range(200):
        s += i * k
    total[0] += s


for k in range(400):
    q.add(work, k)
q.run(nthreads)
print(total[0], q.number_of_transactions_executed())
print(1 <= len(threads_used) <= nthreads)
if nthreads == 1:
    print(threads_used == {threading.get_ident()})
else:
    print(True)
print(threading.active_count())  # the workers are gone

for arg in (None, 0):
    threads_used.clear()
    for k in range(50):
        q.add(work, k)
    q.run(arg)
    print(1 <= len(threads_used) <= (os.cpu_count() or 1))
q.run(nthreads=nthreads)
print(q.number_of_transactions_executed())

# More threads than calls.
q.add(work, 1)
q.run(nthreads * 3)
print(q.number_of_transactions_executed(), threading.active_count())
