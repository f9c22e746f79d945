from _rehelper import re
print(re.findall(r'\d+', 'a1b22'), re.findall(r'(\d)(\w)', '1a2b'), re.findall(r'(\d)\w', '1a2b'))
print(re.findall('(a)|b', 'ab'), re.findall('(a)(b)?', 'aab'))
print(re.compile('a').findall('aaaa', 1, 3), re.compile('a').findall('aaa', 5), re.compile('a').findall('aaa', -5, -1))
print(re.findall(b'[0-9]', b'a1b2'), re.findall('\\w+', 'x \u4e2d\u6587 y'))
