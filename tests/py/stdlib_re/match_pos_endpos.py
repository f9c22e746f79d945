from _rehelper import re
p = re.compile(r'\w+')
print(p.match('ab cd', 3), p.match('ab cd', 2), p.search('ab cd', 1, 4), p.fullmatch('ab cd', 3, 5))
m = p.search('ab cd', 1, 4); print(m.pos, m.endpos, m.string, m.re is p)
print(p.match('abc', -5, 100), p.match('abc', 2, 1), re.compile('').match('abc', 2, 1))
print(p.match('abc', pos=1), p.search(string='x y', pos=1))
print(re.compile('$').search('ab\n', 0, 2).span(), re.compile('^').search('ab', 1))
