from _rehelper import re
p = re.compile(r'(?P<a>x)(y)(?P<c>z)')
print(p.pattern, p.groups, sorted(p.groupindex.items()), type(p.groupindex).__name__)
print(type(re.compile('a').groupindex).__name__, re.compile(b'a').pattern)
print(p == re.compile(r'(?P<a>x)(y)(?P<c>z)'), p != re.compile('x'), p == 'x', hash(p) == hash(re.compile(p.pattern)))
print(p.__copy__() is p, p.__deepcopy__({}) is p)
print(type(p).__name__, type(p).__module__, type(p.match('xyz')).__name__)
try:
    type(p)()
except TypeError as e:
    print('TypeError', e)
try:
    p.groupindex['a'] = 2
except TypeError as e:
    print('TypeError', e)
