from _rehelper import re
print(re.findall(r'\w+(?=!)', 'hi! there yo!'), re.findall(r'\b\w+\b(?!!)', 'hi! there yo!'))
print(re.match(r'(?=(a+))a', 'aaa').groups(), re.match(r'(?!b)\w', 'a'))
print(re.search(r'(?=.*\d)(?=.*[a-z])\w{4,}', 'ab1c'), re.match(r'a(?=b)', 'ac'))
print(re.sub(r'(?=\d{3}$)', ',', '1234'))
