# The escape decoders warn (DeprecationWarning) about the first invalid escape: an unknown
# letter or an octal escape above 0o377.
import codecs
import warnings


def run(decode, data, *args):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        try:
            r = decode(data, *args)
        except Exception as e:
            r = (type(e).__name__, str(e))
    print(ascii(r), [ascii(str(x.message)) for x in w], [x.category.__name__ for x in w])


for decode in (codecs.escape_decode, codecs.unicode_escape_decode, codecs.raw_unicode_escape_decode):
    for data in (br'\q', br'\Q\z', br'\8', b'\\\xfa', br'\400', br'\777\q', br'\x\z', br'\x\501',
                 br'ok\n', br'\N{LATIN SMALL LETTER A}', br'\d\ '):
        run(decode, data, 'ignore' if data.startswith(b'\\x\\') else 'strict')
print(ascii(codecs.unicode_escape_decode(br'\q', 'strict', False)))
