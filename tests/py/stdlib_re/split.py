from _rehelper import re
print(re.split(r'\W+', 'Words, words, words.'), re.split(r'(\W+)', 'Words, words, words.'))
print(re.split(r'\W+', 'Words, words, words.', 1), re.split(r'\W+', 'Words, words', maxsplit=5))
print(re.split('[a-f]+', '0a3B9', flags=re.I), re.split('(a)|(b)', 'xaybz'))
print(re.split('x', ''), re.split('x', 'axbxc', -1), re.compile(b',').split(b'1,2,,3'))
print(re.split('(?:x)', 'axb'), re.split('((x))', 'axb'))
