from _rehelper import re
print(re.match(r'(\w+) \1', 'hello hello'), re.match(r'(\w+) \1', 'hello help'))
print(re.findall(r'(\w)\1', 'aabbcdde'), re.search(r'(a)|\1b', 'xb'))
print(re.match(r'(?P<q>["\']).*?(?P=q)', '"it\'s" ok').group())
print(re.match(r'(a)?(?(1)b|c)', 'ab').group(), re.match(r'(a)?(?(1)b|c)', 'c').group(), re.match(r'(a)?(?(1)b|c)', 'ac'))
print(re.match(r'(?P<n>x)?y(?(n)z)', 'yz').group(), re.match(r'(?P<n>x)?y(?(n)z)', 'xyz').group())
print(re.match(r'(a*)+\1', 'aa'), re.match(r'(?i)(ab)\1', 'abAB'))
