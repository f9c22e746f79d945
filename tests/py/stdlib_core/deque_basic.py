# _collections.deque: the full API, iterators, maxlen and errors.
from _collections import deque
d = deque([1, 2, 3], maxlen=5)
d.appendleft(0)
d.extend([4, 5, 6])
print(d, d.maxlen, d[0], d[-1], len(d), bool(d), bool(deque()))
d.rotate(2); print(d)
d.rotate(-3); print(d, list(reversed(d)), d.index(4), d.count(4), 4 in d, 9 in d)
e = deque('abc')
e.extendleft('xy'); print(e, e.pop(), e.popleft(), e)
e.insert(1, 'Q'); e.remove('a'); print(e)
e[0] = 'Z'; del e[1]; print(e, e.copy(), e == deque(['Z', 'c']), e < deque(['Z', 'd']))
e.reverse(); print(e)
e.clear(); print(e, repr(deque(maxlen=0)))
print(deque([1, 2]) + deque([3]), deque([1, 2]) * 2, deque('ab', 3) * 3)
f = deque([1]); f += [2, 3]; f *= 2; print(f)
g = deque(); g.append(g); print(g)
it = iter(deque([1, 2, 3])); print(next(it), it.__length_hint__(), list(it))
h = deque([1, 2, 3])
try:
    for x in h:
        h.append(x)
except RuntimeError as ex:
    print('RuntimeError', ex)
for bad in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5],
            lambda: deque([1]).index(2), lambda: deque([1]).remove(2), lambda: deque(maxlen=-1),
            lambda: deque([1], 1).insert(0, 2), lambda: hash(deque()), lambda: deque() + [1],
            lambda: deque()['a']]:
    try:
        bad()
    except Exception as ex:
        print(type(ex).__name__, ex)
class D(deque):
    pass
dd = D([1, 2], 4)
print(dd, dd.copy(), type(dd.copy()).__name__, dd.__reduce__()[1])
print(deque[int])
