from _rehelper import re
p = re.compile(r'''
    (?P<int> \d+ )   # integer part
    (?: \. (?P<frac> \d+ ) )?   # fraction
    \ +x [ ] y
''', re.X)
m = p.match('3.14  x y')
print(m.groupdict(), m.span())
print(re.match('(?x) a b # comment', 'ab'), re.match(r'(?x)a\ b', 'a b'), re.match('(?x)[ ]', ' '))
