from _rehelper import re
print(re.match(r'(?:(a)|b)*', 'ab').groups(), re.match(r'(?:(a)|(b))*', 'ab').groups())
print(re.match(r'(a|b)*?c', 'abc').groups(), re.match(r'((a)|b)+', 'ab').groups())
print(re.match(r'(?:(a)|b|c)+', 'acb').groups(), re.match(r'(a)?(?:x|(a))+', 'ax').groups())
print(re.match(r'(?:()|a)*', 'aa').groups(), re.match(r'(a*)*', 'aa').groups(), re.match(r'(a*)+', 'b').groups())
print(re.match(r'(?:a(b)?)+', 'aba').groups(), re.match(r'(?:a(?!(b))\w)+', 'acad').groups())
print(re.match(r'(a){2}(b){1,3}?', 'aabbb').groups(), re.match(r'(?:(\w)\d){3}', 'a1b2c3').groups())
