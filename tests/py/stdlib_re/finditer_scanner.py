from _rehelper import re
it = re.finditer(r'(\d)(\w)', '1a 2b 3c')
print(type(it).__name__, [(m.group(), m.groups(), m.span()) for m in it])
p = re.compile(r'\d')
print([m.span() for m in p.finditer('a1b2c3', 2, 5)])
sc = p.scanner('1a2')
print(sc.pattern is p, sc.match(), sc.match(), sc.search(), sc.search(), sc.search())
sc = re.compile('').scanner('ab')
print([sc.search().span() for _ in range(3)], sc.search())
