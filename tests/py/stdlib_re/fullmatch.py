from _rehelper import re
print(re.fullmatch('a*', 'aaa'), re.fullmatch('a*', 'aab'), re.fullmatch('a|ab', 'ab'))
print(re.fullmatch('a*?', 'aaa'), re.fullmatch('(a)*?b', 'aab').groups(), re.fullmatch('', ''))
print(re.compile('ab').fullmatch('xaby', 1, 3), re.fullmatch('a(?=b)', 'ab'), re.fullmatch('(?:a|ab)+?', 'aab'))
