# threads
# A call that raises: no new call starts, the calls already running finish, run() re-raises the
# first exception, and the calls not run stay in the queue for the next run().
import sys
import transaction

nthreads = int(sys.argv[1])
q = transaction.TransactionQueue()


class Boom(Exception):
    pass


def boom(k):
    raise Boom(k)


# Every call raises: exactly one runs (each call checks for a failure in its own transaction).
for k in range(200):
    q.add(boom, k)
try:
    q.run(nthreads)
except Boom as e:
    print("Boom raised", type(e.args[0]).__name__)
print(q.number_of_transactions_executed())

# A later run runs them (and stops again at the first).
try:
    q.run(nthreads)
except Boom:
    print("Boom again")
print(q.number_of_transactions_executed())

# The others stay queued; a new queue for the next test.
q = transaction.TransactionQueue()
done = set()


def work(k):
    if k == 150:
        raise ValueError("bad %d" % k)
    done.add(k)


for k in range(300):
    q.add(work, k)
try:
    q.run(nthreads)
except ValueError as e:
    print("ValueError", e)
    print(e.__traceback__ is not None)
executed = q.number_of_transactions_executed()
print(executed == len(done) + 1, 150 not in done)
# Run again: every call not yet run runs now, exactly once.
q.run(nthreads)
print(len(done), sorted(done) == [k for k in range(300) if k != 150])
print(q.number_of_transactions_executed())

# Calls added by the failing call (before it raised) are kept.
q = transaction.TransactionQueue()
late = []


def adds_then_fails():
    q.add(late.append, "added before the failure")
    raise RuntimeError("after adding")


q.add(adds_then_fails)
try:
    q.run(nthreads)
except RuntimeError as e:
    print("RuntimeError", e)
print(late, q.number_of_transactions_executed())
q.run(nthreads)
print(late, q.number_of_transactions_executed())

# Any exception, including BaseException subclasses.
q.add(sys.exit, 3)
try:
    q.run(nthreads)
except SystemExit as e:
    print("SystemExit", e.code)
print(q.number_of_transactions_executed())
