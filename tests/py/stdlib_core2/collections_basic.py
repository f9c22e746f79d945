# collections: deque, defaultdict, OrderedDict, Counter, namedtuple, ChainMap, UserDict.
from collections import deque, defaultdict, OrderedDict, Counter, namedtuple, ChainMap, UserDict, UserList

d = deque([1, 2, 3], maxlen=4)
d.append(4); d.append(5); d.appendleft(0); d.rotate(1)
print(d, d.maxlen, list(reversed(d)))
dd = defaultdict(list)
dd['a'].append(1); dd['b']
print(sorted(dd.items()), dd.default_factory)
od = OrderedDict.fromkeys('abc')
od.move_to_end('a'); od['z'] = 1
print(od, list(od), od.popitem(last=False))
c = Counter('abracadabra')
print(c.most_common(3), c['z'], sorted(c.elements())[:5], (c + Counter('aaz')).most_common(2))
c.subtract('aaaa')
print(c['a'], sorted((c & Counter('rrb')).items()))
Point = namedtuple('Point', 'x y', defaults=[0])
pt = Point(1)
print(pt, pt._asdict(), pt._replace(y=5), Point._fields, Point._field_defaults, pt.x + pt[1])
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3})
print(cm['a'], cm['b'], len(cm), sorted(cm), cm.new_child({'c': 4})['c'], cm.parents)
class UD(UserDict):
    pass
u = UD(a=1)
u['b'] = 2
print(sorted(u.items()), isinstance(u, dict))
ul = UserList([3, 1])
ul.sort()
print(ul, ul + [5])
