# shlex: split (posix and not), quote, join, and the lexer with punctuation_chars.
import shlex
print(shlex.split('a "b c" \'d e\' f\\ g # comment', comments=True))
print(shlex.split('x="1 2" y', posix=False))
print(shlex.quote("it's"), shlex.quote('safe-name_1.txt'), shlex.quote(''))
print(shlex.join(['echo', 'a b', "c'd"]))
lex = shlex.shlex('a && b || (c; d)', punctuation_chars=True)
print(list(lex))
try:
    shlex.split('"unterminated')
except ValueError as e:
    print('ValueError', e)
