# number_of_transactions_executed(): the calls the queue's runs have run, counted across runs,
# including calls that raised; TransactionError while the queue runs.
import transaction

q = transaction.TransactionQueue()
print(q.number_of_transactions_executed())
for k in range(10):
    q.add(int, k)
print(q.number_of_transactions_executed())  # added, not run
q.run(3)
print(q.number_of_transactions_executed())
q.run(3)
print(q.number_of_transactions_executed())
for k in range(5):
    q.add(int, k)
q.run(1)
print(q.number_of_transactions_executed())

errors = []


def ask():
    try:
        q.number_of_transactions_executed()
    except transaction.TransactionError as e:
        errors.append(str(e))


q.add(ask)
q.run(2)
print(errors, q.number_of_transactions_executed())

q.add(int, "x")  # raises ValueError: counted
try:
    q.run(2)
except ValueError:
    print("ValueError")
print(q.number_of_transactions_executed())

# Each queue counts its own.
other = transaction.TransactionQueue()
other.add(int)
other.run()
print(other.number_of_transactions_executed(), q.number_of_transactions_executed())
print(issubclass(transaction.TransactionError, Exception))
