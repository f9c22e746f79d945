from _rehelper import re
s = 'naïve café ٣4 ß_x'
print(re.findall(r'\w+', s), re.findall(r'(?a)\w+', s))
print(re.findall(r'\d', s), re.findall(r'(?a)\d', s))
print(re.findall(r'\s', 'a\u00a0b\u2003c d'), re.findall(r'(?a)\s', 'a\u00a0b\u2003c d'))
print(re.findall(r'\bé', 'é xé'), re.findall(r'(?a)\b\w', 'é xé'))
print(re.findall(r'[\w-]+', 'über-cool ok'), re.findall(r'\W+', 'a, b; c'))
print(re.findall(rb'\w+', b'caf\xe9 ok'), re.findall(rb'\d+', b'12 34'))
