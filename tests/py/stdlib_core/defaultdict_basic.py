# _collections.defaultdict, _count_elements and _tuplegetter.
from _collections import defaultdict, _count_elements, _tuplegetter
dd = defaultdict(list)
dd['a'].append(1)
dd['b']
print(dd, dd.default_factory, dict(dd), 'c' in dd, len(dd))
n = defaultdict(None, x=1)
print(n)
try:
    n['missing']
except KeyError as e:
    print('KeyError', e)
i = defaultdict(int, {'a': 1})
i['b'] += 2
print(i, i.copy(), type(i.copy()).__name__, i | {'z': 0}, {'y': 1} | i)
i.default_factory = str
print(i['new'] == '', i.__reduce__()[:2])
try:
    defaultdict(1)
except TypeError as e:
    print('TypeError', e)
counts = {}
_count_elements(counts, 'abracadabra')
print(sorted(counts.items()))
class T(tuple):
    x = _tuplegetter(0, 'first')
    y = _tuplegetter(1, 'second')
t = T((5, 6))
print(t.x, t.y, T.x.__doc__)
try:
    t.x = 1
except AttributeError as e:
    print('AttributeError', e)
print(isinstance(dd, dict), defaultdict.__mro__[1].__name__)
