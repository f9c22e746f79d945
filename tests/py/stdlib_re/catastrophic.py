from _rehelper import re
# Exponential backtracking over a short subject terminates with the same answer.
print(re.match(r'(a+)+$', 'a' * 18 + 'b'))
print(re.match(r'(a|aa)+$', 'a' * 20 + 'b'))
print(re.match(r'(x+x+)+y', 'x' * 14))
# Deep backtracking stacks do not overflow the C++ stack.
print(len(re.match(r'(?:a|b)*c', 'ab' * 100000 + 'c').group()))
print(len(re.match(r'(a)*', 'a' * 200000).group()), re.match(r'(a)*', 'a' * 200000).span(1))
print(len(re.match(r'(?:(a)|b)*?c', 'ab' * 50000 + 'c').group()))
print(re.search(r'(.*)(.*)(.*)z', 'x' * 60))
