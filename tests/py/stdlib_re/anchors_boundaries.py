from _rehelper import re
print(re.findall(r'\b\w+\b', 'a bc, def'), re.findall(r'\B\w', 'ab cd'))
print(re.search(r'\bfoo\b', 'a foo.'), re.search(r'\bfoo\b', 'afoo'))
print(re.match('^abc$', 'abc'), re.match('^$', ''), re.search('$', 'ab').span())
print(re.findall(r'\b', 'ab c'), re.findall(r'\B', 'ab c'), re.findall(r'\b', ''))
print(re.compile('^a').search('ba', 1), re.compile('a$').search('ab', 0, 1))
print(re.compile(r'\b').findall('ab', 1), re.compile(r'\Z').search('abc', 0, 2).span())
