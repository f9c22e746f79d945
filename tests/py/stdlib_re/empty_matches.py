from _rehelper import re
print(re.sub('x*', '-', 'abxd'), re.sub('', '-', ''), re.sub('x*', '-', ''))
print(re.split('x*', 'axbc'), re.split('', 'abc'), re.split(r'\b', 'a b'))
print(re.findall('x*', 'axxb'), re.findall('|a', 'aa'), re.findall('a|', 'aa'))
print([m.span() for m in re.finditer(r'\b|x', 'ax b')])
print(re.subn('(?=a)|a', '-', 'aa'), re.sub('a?', '-', 'baac'))
print(re.split('(?m)^$', 'a\n\nb'), re.findall('$|a', 'a'))
