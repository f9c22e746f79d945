from _rehelper import re
print(re.findall('[a-cx-z]+', 'abcdxyzw'), re.findall('[^a-c]+', 'abcdefab'))
print(re.findall(r'[\d\s]+', 'a1 2b'), re.findall(r'[^\W\d]+', 'ab12cd'), re.findall('[]a]+', 'a]b'))
print(re.findall('[\u0400-\u04ff]+', 'abc абв def'), re.findall('[\U0001F600-\U0001F64F]', 'x\U0001F600y'))
print(re.findall('[αβγ]+', 'αβδγ'), re.findall('[^αβ]', 'αxβ'), re.findall('[\u4e00-\u9fff]', '中a文'))
print(re.findall(r'[.^$]', 'a.b^c$'), re.findall('[-a]', 'a-b'), re.findall(r'[\-]', 'a-b'))
print(re.findall('[a-zA-Z0-9_]+', 'Foo_1 bar'), re.match('[^\n]*', 'ab\ncd').group())
