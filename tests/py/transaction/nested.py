# run() inside an atomic block raises TransactionError: the calls could not run before the
# block ends. A call runs inside an atomic block, so run() from inside a call (of the same
# queue or another) raises it too; the call can catch it, or let it end the outer run.
import transaction

q = transaction.TransactionQueue()
inner = transaction.TransactionQueue()
inner.add(print, "inner call")

with transaction.atomic:
    try:
        q.run()
    except transaction.TransactionError as e:
        print("TransactionError:", e)

caught = []


def runs_inner():
    try:
        inner.run()
    except transaction.TransactionError as e:
        caught.append(str(e))


def runs_itself():
    try:
        q.run()
    except transaction.TransactionError as e:
        caught.append(str(e))


q.add(runs_inner)
q.add(runs_itself)
q.run(2)
print(sorted(caught))
print(inner.number_of_transactions_executed(), q.number_of_transactions_executed())
inner.run(1)  # outside: fine
print(inner.number_of_transactions_executed())

# Not caught: the error ends the run like any exception of a call.
q.add(inner.run)
try:
    q.run(1)
except transaction.TransactionError as e:
    print("from run:", e)
print(q.number_of_transactions_executed())
