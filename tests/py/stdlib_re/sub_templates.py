from _rehelper import re
print(re.sub(r'(\w+) (\w+)', r'\2 \1', 'hello world, foo bar'))
print(re.sub(r'(?P<a>\d)', r'[\g<a>|\g<1>|\g<0>]', 'a1b2'))
print(re.sub('a', r'\n\t\\', 'xax'))
print(re.sub('(a)|b', r'<\1>', 'ab'), re.sub('x', '', 'axbxc'))
print(re.subn('o', '0', 'foo boo'), re.subn('o', '0', 'foo boo', count=2), re.sub('o', '0', 'foo', 1))
print(re.compile('a').sub('b', 'aaa', count=-1))
print(re.sub(b'(a)', rb'\1\1', b'bab'), re.sub('\\d', '\\\\', '1a2'))
for bad in [r'\3', r'\g<x>', r'\g<1', r'\q']:
    try:
        re.sub('(a)', bad, 'a')
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
print(re.match(r'(\w)(\w)', 'ab').expand(r'\2-\1-\g<0>'))
