# threads
# add_generator(gen): each step of the generator, up to its next yield, runs as one
# transaction; the steps of one generator run in order, those of different generators
# interleave. The step that finds the generator exhausted counts as a transaction too.
import sys
import transaction

nthreads = int(sys.argv[1])
q = transaction.TransactionQueue()
trace = {}
shared = {"n": 0}


def worker(name, steps):
    mine = trace.setdefault(name, [])
    for i in range(steps):
        mine.append(i)
        n = shared["n"]
        shared["n"] = n + 1
        yield i * 100  # the values yielded are ignored


for k in range(12):
    q.add_generator(worker("g%d" % k, k * 3))
q.run(nthreads)
print(sorted((name, steps == list(range(len(steps)))) for name, steps in trace.items()))
print(sum(len(s) for s in trace.values()), shared["n"])
print(q.number_of_transactions_executed())  # steps + one final step per generator

# A generator that adds calls and other generators from its steps.
got = []


def child(k):
    got.append(("child", k))
    yield
    got.append(("child-end", k))


def parent():
    for k in range(4):
        q.add(got.append, ("call", k))
        q.add_generator(child(k))
        yield


q.add_generator(parent())
q.run(nthreads)
print(sorted(got))
print(q.number_of_transactions_executed())

# Any iterator works.
q.add_generator(iter([1, 2, 3]))
q.run(nthreads)
print(q.number_of_transactions_executed())

# A generator that raises: the exception comes out of run().


def failing():
    yield
    raise KeyError("step two")


q.add_generator(failing())
try:
    q.run(nthreads)
except KeyError as e:
    print("KeyError", e)
print(q.number_of_transactions_executed())
