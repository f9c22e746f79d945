from _rehelper import re
s = 'x' * 3 + '\U0001F600' + 'ab\u1234' * 3
print(re.search('\U0001F600(.)', s).span(), re.findall('\u1234', s), re.sub('b', '\U0001F601', 'abc'))
print(re.match('.{4}', '\u1234\u1235\U00010000x').group() == '\u1234\u1235\U00010000x')
print(re.split('\u1234', 'a\u1234b\u1234c'), re.findall('(?s).', '\x00\U0010FFFF'))
print([m.span() for m in re.finditer('[\u0100-\uffff]', 'a\u0101b\uffffc')])
