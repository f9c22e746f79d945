from _rehelper import re
print(re.sub(r'\d+', lambda m: str(int(m.group()) * 2), 'a1b22c333'))
print(re.sub('(x)|y', lambda m: repr(m.group(1)), 'xyz'))
print(re.subn(r'\w', lambda m: m.group().upper(), 'ab c'))
print(re.sub('a', lambda m: None, 'bab') if False else 'skip')
calls = []
def f(m):
    calls.append((m.span(), m.pos, m.endpos, m.string))
    return '-'
print(re.sub('b*', f, 'abc'), calls)
try:
    re.sub('a', lambda m: 3, 'xax')
except TypeError as e:
    print('TypeError', e)
try:
    re.sub(b'a', lambda m: 3, b'xax')
except TypeError as e:
    print('TypeError', e)
print(re.sub(b'a', lambda m: bytearray(b'Z'), b'bab'))
