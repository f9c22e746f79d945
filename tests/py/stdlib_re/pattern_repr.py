from _rehelper import re
print(repr(re.compile('a+b')), repr(re.compile(b'x')))
print(repr(re.compile('a', re.I | re.M)), repr(re.compile('a', re.S | re.X | re.A)))
print(repr(re.compile(b'a', re.L)), repr(re.compile('a', re.U)))
print(repr(re.compile('x' * 300)))
print(repr(re.compile("it's \n")), repr(re.compile('é')))
