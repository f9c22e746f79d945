# reprlib and re (re imports now).
import reprlib, re
print(reprlib.repr(list(range(100))), reprlib.repr('x' * 100), reprlib.repr({i: i for i in range(20)}))
class R:
    @reprlib.recursive_repr()
    def __repr__(self): return '<R %r>' % (self.me,)
r = R(); r.me = r
print(repr(r))
print(re.findall(r'\d+', 'a1b22c333'), re.sub(r'(\w)(\d)', r'\2\1', 'a1 b2'), re.split(r'[,;]\s*', 'a, b;c'))
m = re.match(r'(?P<k>\w+)=(?P<v>\d+)', 'key=42')
print(m.group('k'), m['v'], m.groupdict(), m.span(2), re.fullmatch('a+', 'aaa') is not None)
print(re.compile(r'x', re.I).search('aXb').start(), re.escape('a.b*c'), re.IGNORECASE | re.MULTILINE)
