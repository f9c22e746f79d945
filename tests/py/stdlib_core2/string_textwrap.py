# string (Template, Formatter, constants) and textwrap.
import string, textwrap
print(string.ascii_letters, string.digits, string.punctuation)
t = string.Template('$who likes ${what}')
print(t.substitute(who='tim', what='kung pao'), t.safe_substitute(who='x'))
try:
    t.substitute(who='x')
except KeyError as e:
    print('KeyError', e)
f = string.Formatter()
print(f.format('{0}-{name!r:>6}', 1, name='ab'), list(f.parse('a{b}c')))
print(string.capwords('hello   world  foo'))
text = 'The quick brown fox jumps over the lazy dog. ' * 3
print(textwrap.wrap(text, 30))
print(textwrap.fill(text, 40, initial_indent='> ', subsequent_indent='  '))
print(textwrap.shorten('Hello  world, this is long', width=15))
print(repr(textwrap.dedent('    a\n      b\n    c')), repr(textwrap.indent('a\nb', '+ ')))
