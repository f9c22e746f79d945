from _rehelper import re
print(re.match('(?>a+)b', 'aaab'), re.match('(?>a+)a', 'aaa'))
print(re.match('(?>ab|a)c', 'abc'), re.match('(?>a|ab)c', 'abc'))
print(re.match('(?>(a+))(b)', 'aab').groups())
print(re.search('(?>x*)y', 'xxxy').span(), re.match('(?>a*)*b', 'aab'))
