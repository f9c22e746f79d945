from _rehelper import re
print(re.match('a*+a', 'aaaa'), re.match('a++b', 'aaab'))
print(re.match('(?:ab)*+ab', 'ababab'), re.match('(?:ab)*+c', 'ababc'))
print(re.match('a?+a', 'a'), re.match('a{1,3}+a', 'aaaa'))
print(re.match('(a|ab)++c', 'ababc'), re.match('(a|ab)*c', 'ababc'))
print(re.fullmatch(r'"[^"]*+"', '"abc"'), re.findall(r'\d++', '12 345 6'))
