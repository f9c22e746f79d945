from _rehelper import re
for p in ['(', ')', '[a', 'a**', '(?P<1>x)', '(?P<a>x)(?P<a>y)', r'\1', '(?<=a*)b', 'x{2,1}', '(?z)', r'\p', '[z-a]', '(?P=nope)', 'a{99999999999}', '(?', '*']:
    try:
        re.compile(p)
        print(repr(p), 'ok')
    except re.error as e:
        print(repr(p), 'error:', e.msg, e.pos)
    except OverflowError as e:
        print(repr(p), 'OverflowError:', e)
try:
    re.compile('a\n(b')
except re.error as e:
    print(e, e.lineno, e.colno)
