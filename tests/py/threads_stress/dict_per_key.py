# threads
# One shared dict, many threads: transfers between its keys (value writes, which pystm lets
# transactions make in parallel once the dict is contended), while the same threads add and
# remove keys, iterate, copy and pop from it. Inside atomic blocks the total never changes, and
# at the end every transfer is counted exactly once.
import sys
import threading

try:
    from pystm import atomic
except ImportError:
    atomic = threading.RLock()

NTHREADS = int(sys.argv[1])
ROUNDS = 6000 // NTHREADS
KEYS = 256
accounts = dict.fromkeys(range(KEYS), 1000)
bad = []


def worker(tid):
    x = tid + 1
    errors = 0
    mine = None
    for i in range(ROUNDS):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        src, dst, amount = x % KEYS, (x >> 9) % KEYS, x % 50
        with atomic:
            accounts[src] -= amount
            accounts[dst] += amount
        if i % 7 == 0:
            with atomic:
                # A new key (the structure changes), then gone again the next time.
                if mine is not None:
                    if accounts.pop(mine) != 0:
                        errors += 1
                mine = ("tmp", tid, i)
                accounts[mine] = 0
        if i % 13 == 0:
            with atomic:
                if sum(v for k, v in accounts.items() if isinstance(k, int)) != KEYS * 1000:
                    errors += 1
        if i % 29 == 0:
            with atomic:
                snapshot = accounts.copy()
                if sum(snapshot[k] for k in range(KEYS)) != KEYS * 1000:
                    errors += 1
                if accounts.get(src, 0) + accounts.get(dst, 0) != snapshot[src] + snapshot[dst]:
                    errors += 1
    with atomic:
        if mine is not None:
            del accounts[mine]
    bad.append(errors)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

# Transfers commute, so the final balances do not depend on the interleaving.
x_final = {}
for tid in range(NTHREADS):
    x = tid + 1
    for i in range(ROUNDS):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        src, dst, amount = x % KEYS, (x >> 9) % KEYS, x % 50
        x_final[src] = x_final.get(src, 1000) - amount
        x_final[dst] = x_final.get(dst, 1000) + amount
print("errors:", sum(bad))
print("keys:", len(accounts), sorted(accounts) == list(range(KEYS)))
print("total:", sum(accounts.values()))
print("balances exact:", all(accounts[k] == x_final.get(k, 1000) for k in range(KEYS)))
