"""A tour of what pystm runs: classes, generators, closures, exceptions and big integers."""


class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError(f"deposit must be positive, got {amount}")
        self.balance += amount
        return self

    def __repr__(self):
        return f"Account({self.owner!r}, balance={self.balance})"


def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
        n += 1


def counter():
    count = 0

    def bump(step=1):
        nonlocal count
        count += step
        return count

    return bump


accounts = [Account("ada", 10), Account("grace")]
for a in accounts:
    a.deposit(5)
try:
    accounts[1].deposit(-1)
except ValueError as e:
    print("refused:", e)
print(accounts)

gen = primes()
print("first primes:", [next(gen) for _ in range(10)])

bump = counter()
bump()
print("counter:", bump(10))

words = "the quick brown fox jumps over the lazy dog the end".split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print("most common:", sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3])

print("2**100 =", 2**100)
print("factorial(30) =", __import__("math").factorial(30))
