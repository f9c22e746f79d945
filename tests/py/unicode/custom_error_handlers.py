# Error handlers registered with codecs.register_error work with the builtin codecs: the
# replacement is inserted and encoding or decoding resumes where the handler says.
import codecs


def show(f):
    try:
        print(ascii(f()))
    except Exception as e:
        print(type(e).__name__, e)


def ques(exc):
    return ('?' * (exc.end - exc.start), exc.end)


def skip_back(exc):
    return ('<%d:%d>' % (exc.start, exc.end), exc.start + 1)


def raw(exc):
    return (b'[' + str(exc.end - exc.start).encode() + b']', exc.end)


def bad(exc):
    return ('x', 100)


def nonascii(exc):
    return ('\xe9', exc.end)


for name, fn in (('t.ques', ques), ('t.back', skip_back), ('t.raw', raw),
                 ('t.bad', bad), ('t.nonascii', nonascii)):
    codecs.register_error(name, fn)
    # (CPython reaches the UTF-16/32 variants through the codec registry, which wraps errors.)
    for enc in ('ascii', 'latin-1', 'utf-8') + (() if name == 't.bad' else ('utf-16-le', 'utf-32-be')):
        show(lambda: 'a\xe9\u20ac\udc80b'.encode(enc, name))
        if name != 't.raw':
            show(lambda: b'a\xff\xfeb\x80'.decode(enc, name))
show(lambda: 'x'.encode('ascii', 'no.such.handler'))
show(lambda: '\xe9'.encode('ascii', 'no.such.handler'))
show(lambda: b'\xff'.decode('ascii', 'no.such.handler'))
for repl in (b'a', b'ab', b'abcd'):
    codecs.register_error('t.bytes', lambda exc, repl=repl: (repl, exc.end))
    for enc in ('utf-16-le', 'utf-32-be', 'utf-8'):
        show(lambda: 'a\udc80b'.encode(enc, 't.bytes'))
