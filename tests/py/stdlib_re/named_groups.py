from _rehelper import re
p = re.compile(r'(?P<first>\w+)\s(?P<last>\w+)(?P<opt>!)?')
m = p.match('Jane Doe')
print(m.group('first'), m['last'], m.group('opt'), m.groupdict(), m.groupdict('?'))
print(m.lastgroup, m.lastindex, p.groups, sorted(p.groupindex.items()))
print(m.span('last'), m.start('first'), m.end('last'))
m = re.match(r'(?P<a>x)(?P=a)', 'xx'); print(m.groups())
for bad in ['nope', 5, -1, 1.5]:
    try:
        m.group(bad)
    except IndexError as e:
        print('IndexError', e)
print(re.match('(a)(?P<b>b)', 'ab').lastgroup, re.match('(?P<b>b)(a)', 'ba').lastgroup)
