from _rehelper import re
print(re.match('a|ab|abc', 'abc'))
print(re.fullmatch('a|ab|abc', 'abc'))
print(re.findall('cat|dog|bird', 'dog cat bird cow'))
print(re.match('(a|b|c)+', 'abcabx').group(1))
print(re.search('x(y|z)|w', 'wxz').group(), re.findall('(foo|bar)baz', 'foobaz barbaz bazbar'))
print(re.match('|a', 'a'), re.match('a|', 'b'))
