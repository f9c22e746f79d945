# A decoding error handler may replace exc.object: unicode_escape_decode goes on with the new
# input (and a final decode still reports the whole given input as consumed).
import codecs
import warnings

data = {
    br'\x0': (b'\\', 0),
    br'\x3': (b'xxx\\', 3),
    br'\x5': (b'x\\', 1),
}


def mutating(exc):
    if isinstance(exc, UnicodeDecodeError):
        r = data.get(exc.object[:exc.end])
        if r is not None:
            exc.object = r[0] + exc.object[exc.end:]
            return ('\u0404', r[1])
    raise AssertionError("don't know how to handle %r" % exc)


codecs.register_error('test.mutating2', mutating)
for text in (br'\x0n\z', br'\x0n\501', br'\x0z', br'\x3n\zr', br'\x3zr', br'\x5n\z', br'\x5z'):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        r = codecs.unicode_escape_decode(text, 'test.mutating2')
    print(ascii(r), [str(x.message) for x in w])
