from _rehelper import re
for s in ['a.b', 'x*y+z?', '(1)[2]{3}', 'tab\there', 'ünï', '-#&~ ']:
    e = re.escape(s)
    print(repr(e), bool(re.fullmatch(e, s)))
print(re.escape(b'a.b\x00'))
