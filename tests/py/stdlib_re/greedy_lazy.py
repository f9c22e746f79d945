from _rehelper import re
s = '<a><b><c>'
print(re.match('<.*>', s).group(), re.match('<.*?>', s).group())
print(re.match('a{2,4}', 'aaaaa').group(), re.match('a{2,4}?', 'aaaaa').group())
print(re.match('a+?b', 'aaab').group(), re.match('(ab)*?c', 'ababc').groups())
print(re.match('a??b', 'ab').group(), re.match('x*', 'y').span())
print(re.findall('a{,2}', 'aaaaa'), re.findall('a{3}', 'aaaaaaa'))
print(re.match(r'(a+)(a*)', 'aaaa').groups(), re.match(r'(a+?)(a*)', 'aaaa').groups())
print(re.match(r'(?:a|ab)(?:c|bcd)(d*)', 'abcd').groups())
