from _rehelper import re
print(re.findall(r'(?<=\$)\d+', 'cost $30 and $45'), re.findall(r'(?<!\$)\b\d+', 'cost $30 and 45'))
print(re.search(r'(?<=ab)c', 'abc').span(), re.search(r'(?<=(a)b)c', 'abc').groups())
print(re.match(r'(?<=a)b', 'ab'), re.search('(?<=a)b', 'ab', ).span())
print(re.compile('(?<=a)b').search('ab', 1))
try:
    re.compile(r'(?<=a+)b')
except re.error as e:
    print('error:', e)
