from _rehelper import re
print(re.match('a+', 'aaa'), re.match('a*', 'b'), re.match(b'\\w+', b'ab'))
print(repr(re.match('.+', 'x' * 80)), repr(re.match('.+', "it's")))
m = re.match('(a)', 'a')
print(m.__copy__() is m, m.__deepcopy__({}) is m, bool(m))
try:
    type(m)()
except TypeError as e:
    print('TypeError', e)
