from _rehelper import re
s = 'one\ntwo\nthree\n'
print(re.findall('^\\w+$', s), re.findall('(?m)^\\w+$', s))
print(re.findall('(?m)^', 'a\nb'), re.search('a$', 'a\n'), re.search('a\\Z', 'a\n'))
print(re.match('.+', 'a\nb').group(), re.match('(?s).+', 'a\nb').group())
print(re.findall('(?m)t$', 'at\nbt'), re.search('\\Aa', 'ba'), re.search('(?m)\\Ab', 'a\nb'))
print(re.sub('(?m)$', '!', 'a\nb'), re.split('(?m)^', 'a\nb\nc'))
