from _rehelper import re
m = re.match('(a)(b)?', 'a')
for g in [True, 1, 2, '1', 2**70, -1, 3]:
    try:
        print(m.span(g))
    except IndexError as e:
        print('IndexError', e)
for call in [lambda: m.start(1, 2), lambda: m.group(x=1), lambda: re.compile('a').match(), lambda: re.compile('a').match('a', 1, 2, 3), lambda: re.compile('a').match('a', foo=1), lambda: re.compile('a').sub('x'), lambda: re.compile('a').match('a', 'x')]:
    try:
        call()
    except TypeError as e:
        print('TypeError', e)
try:
    m.group([])
except TypeError as e:
    print('TypeError', e)
