# threads
# The steps of a generator run close together (TQ-5): a worker runs waiting generator steps
# ahead of its other calls once a few wait, so the state of only a few suspended generators is
# alive at once, however many generators the queue holds. A generator that yields until a later
# call has run still ends: every so many steps in a row the worker takes another call instead.
# Calls added with add() keep the queue's order: on one thread, after the calls queued before.
import sys
import transaction

nthreads = int(sys.argv[1])

# 300 generators of 10 steps: how many are started and not finished at any time.
state = {"active": 0, "most": 0, "steps": 0}


def doc(k):
    state["active"] += 1
    state["most"] = max(state["most"], state["active"])
    for _ in range(10):
        state["steps"] += 1
        yield
    state["active"] -= 1


q = transaction.TransactionQueue()
for k in range(300):
    q.add_generator(doc(k))
q.run(1)
print("one thread: steps", state["steps"], "at most", state["most"], "suspended at once")
print("one thread: few at once:", state["most"] <= 5)

state.update(active=0, most=0, steps=0)
for k in range(300):
    q.add_generator(doc(k))
q.run(nthreads)
print("steps", state["steps"], "few at once:", state["most"] <= 8 * nthreads)

# Generators that wait, yielding, for a flag that the last of the queue's calls sets.
flag = {"set": False, "calls": 0}


def waiter():
    while not flag["set"]:
        yield


def call(last):
    flag["calls"] += 1
    if last:
        flag["set"] = True


for _ in range(8):
    q.add_generator(waiter())
for i in range(500):
    q.add(call, i == 499)
q.run(nthreads)
print("waiters ended; calls", flag["calls"], "flag", flag["set"])

# add() from a call: on one thread, the new calls run after those queued before the run.
order = []


def visit(k):
    order.append(k)
    if k < 3:
        q.add(visit, k * 10 + 10)


for k in range(3):
    q.add(visit, k)
q.run(1)
print("one thread, add() order:", order)
