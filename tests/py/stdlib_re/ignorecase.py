from _rehelper import re
print(re.match('hello', 'HeLLo', re.I), re.findall('(?i)k', 'kK\u212a'))
print(re.match('(?i)straße', 'STRASSE'), re.match('(?i)σ', 'Σ'), re.match('(?i)ς', 'Σ'))
print(re.match('(?i)ǆ', 'ǅ'), re.match('(?i)[^a]', 'A'), re.match('(?ai)[a-z]+', 'aBC\u212a'))
print(re.findall(rb'(?i)[a-c]+', b'xABcX'), re.match(b'(?i)abc', b'ABC'))
print(re.match('(?i)É', 'é'), re.match('(?i:é)', 'É'), re.match('(?i)\u0130', 'i'))
print(re.sub('(?i)x', '-', 'xXyX'), re.match('(?i)(a)\\1', 'aA'))
