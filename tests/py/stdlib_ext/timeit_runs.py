# timeit: Timer.timeit/repeat/autorange run the statement (only that it runs; no timings shown).
import timeit
counter = []
t = timeit.Timer('counter.append(1)', globals={'counter': counter})
r = t.timeit(number=100)
print(isinstance(r, float), len(counter))
print(len(timeit.repeat('x = 1', repeat=3, number=10)))
n, total = timeit.Timer('pass').autorange()
print(n > 0, total >= 0)
print(isinstance(timeit.timeit('sum(range(10))', number=5), float))
