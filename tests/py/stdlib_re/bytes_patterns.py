from _rehelper import re
p = re.compile(rb'(\w+)=(\d+)')
print(p.findall(b'a=1 bb=22'), p.sub(rb'\2=\1', b'a=1'), p.match(b'x=5').groups())
print(re.match(b'.', bytearray(b'ab')), re.search(b'b', bytearray(b'ab')).group())
print(re.sub(b'a', b'b', bytearray(b'xax')), type(re.sub(b'a', b'b', bytearray(b''))).__name__)
print(re.match(rb'\xff+', b'\xff\xfe'), re.split(rb'\s', b'a b\tc'))
for args in [('a', b'a'), (b'a', 'a'), ('a', 3)]:
    try:
        re.match(*args)
    except TypeError as e:
        print('TypeError', e)
