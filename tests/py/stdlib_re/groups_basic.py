from _rehelper import re
m = re.match(r'(\w+) (\w+)(x)?', 'hello world')
print(m.group(), m.group(0), m.group(1), m.group(2), m.group(3))
print(m.group(1, 2), m.groups(), m.groups('-'))
print(m.span(), m.span(1), m.start(2), m.end(2), m.span(3))
print(m.regs, m.lastindex, m.pos, m.endpos, m.string)
print(m[0], m[1], m[2])
print(re.match(r'((a)(b))c', 'abc').groups())
print(re.match(r'(a)|(b)', 'b').groups(), re.match(r'(a)|(b)', 'b').lastindex)
