# itertools: every iterator and tee, with reprs.
import itertools as it
print(list(it.islice(it.count(5, 2), 4)), repr(it.count(3)), repr(it.count(1, 0.5)), repr(it.repeat('a', 3)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], initial=10)))
print(list(it.accumulate([3, 1, 4], max)), list(it.chain('ab', [1])), list(it.chain.from_iterable(['xy', 'z'])))
print(list(it.product('ab', repeat=2)), list(it.product()), list(it.product('ab', [])))
print(list(it.permutations(range(3), 2)), list(it.permutations('abc')), list(it.permutations('ab', 3)))
print(list(it.combinations('abcd', 2)), list(it.combinations('ab', 0)), list(it.combinations('ab', 3)))
print(list(it.combinations_with_replacement('abc', 2)), list(it.combinations_with_replacement('', 0)))
print(list(it.zip_longest('ab', 'xyz', fillvalue='-')), list(it.zip_longest()))
print([(k, list(g)) for k, g in it.groupby('aaabbcaa')])
print([(k, list(g)) for k, g in it.groupby([1, 3, 2, 4, 5], key=lambda x: x % 2)])
groups = [g for k, g in it.groupby('aabb')]
print([list(g) for g in groups])
print(list(it.pairwise('abcd')), list(it.pairwise('a')), list(it.starmap(pow, [(2, 3), (3, 2)])))
a, b = it.tee(range(5))
print(next(a), list(b), list(a))
print([list(x) for x in it.tee('abc', 3)], it.tee('x', 0))
print(list(it.compress('abcdef', [1, 0, 1, 0, 1])))
print(list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 4, 1])), list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(it.filterfalse(None, [0, 1, 0, 2])), list(it.filterfalse(lambda x: x > 1, [0, 1, 2, 3])))
print(list(it.islice('abcdefg', 1, None, 2)), list(it.islice('abcdefg', 2)), list(it.islice('abcdefg', 2, 4)))
print(list(it.islice(it.cycle('ab'), 5)), list(it.cycle([])))
r = it.repeat(7, 3)
print(r.__length_hint__(), list(r), list(it.repeat(1, -2)))
c = it.count(10)
next(c)
print(c, type(c).__name__, it.chain[int])
for bad in [lambda: it.islice('a', -1), lambda: it.islice('a', 0, 1, 0), lambda: it.count('a'),
            lambda: it.combinations('a', -1), lambda: it.tee('a', -1), lambda: it.chain(x=1),
            lambda: it.product(foo=1), lambda: it.zip_longest(x=1), lambda: it.repeat()]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
class MyCount(it.count):
    pass
print(list(it.islice(MyCount(3), 2)), isinstance(MyCount(), it.count))
