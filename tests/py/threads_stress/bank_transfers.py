# threads
# Transfers between accounts, each one inside an atomic block, keep the total balance; an audit
# thread summing all the accounts inside an atomic block never sees a partial transfer.
import random
import sys
import threading

try:
    from pystm import atomic
except ImportError:
    import threading; atomic = threading.RLock()

NTHREADS = int(sys.argv[1])
ACCOUNTS = 20
TRANSFERS = 40000 // NTHREADS
accounts = [1000] * ACCOUNTS
TOTAL = sum(accounts)
done = threading.Event()
audits = []


def teller(seed):
    rng = random.Random(seed)
    moved = 0
    for _ in range(TRANSFERS):
        src = rng.randrange(ACCOUNTS)
        dst = rng.randrange(ACCOUNTS)
        amount = rng.randrange(1, 50)
        with atomic:
            if accounts[src] >= amount:
                accounts[src] -= amount
                accounts[dst] += amount
                moved += 1
    return moved


def auditor():
    while True:
        finished = done.is_set()
        with atomic:
            total = sum(accounts)
            negative = any(a < 0 for a in accounts)
        audits.append((total, negative))
        if finished:
            return


moved = [0] * NTHREADS


def run(i):
    moved[i] = teller(i)


audit = threading.Thread(target=auditor)
audit.start()
tellers = [threading.Thread(target=run, args=(i,)) for i in range(NTHREADS)]
for t in tellers:
    t.start()
for t in tellers:
    t.join()
done.set()
audit.join()

# The tellers' decisions depend only on their own random streams and the balances, which differ
# between interleavings, so only the invariants are printed.
print("total:", sum(accounts), "expected:", TOTAL)
print("no negative balance:", all(a >= 0 for a in accounts))
print("audits consistent:", all(t == TOTAL and not neg for t, neg in audits), len(audits) >= 1)
print("transfers attempted:", TRANSFERS * NTHREADS, "some moved:", sum(moved) > 0)
