# codecs: lookup, the registry, incremental codecs, the charmap (8-bit) codecs and escapes.
import codecs

for name in ['utf-8', 'UTF8', ' utf_8 ', 'latin-1', 'ascii', 'utf-16', 'utf-32-le', 'cp1252', 'iso8859-15', 'koi8_r', 'mac-roman']:
    print(name, codecs.lookup(name).name)
try:
    codecs.lookup('no-such-codec')
except LookupError as e:
    print(e)

s = 'Grüße, €100 ok'
for enc in ['utf-8', 'utf-16', 'utf-16-le', 'utf-32-be', 'cp1252', 'iso8859-15']:
    b = codecs.encode(s, enc)
    print(enc, b, codecs.decode(b, enc) == s)
print(codecs.encode('abc€', 'latin-1', 'replace'), codecs.encode('abc€', 'ascii', 'xmlcharrefreplace'))
print(codecs.encode('abc€', 'cp437', 'backslashreplace'), codecs.decode(b'\x81\x9d', 'cp1252', 'replace'))
try:
    codecs.encode('€', 'latin-1')
except UnicodeEncodeError as e:
    print(e)
try:
    b'\x81'.decode('cp1252')
except UnicodeDecodeError as e:
    print(e)
print(codecs.escape_decode(b'a\\n\\x41')[0], codecs.escape_encode(b'a\n\'\\\x00'))
print(codecs.decode(b'caf\\xe9 \\u20ac \\N{BLACK STAR}', 'unicode_escape'))
print(codecs.encode('café €\t\\', 'unicode_escape'), codecs.encode('café €', 'raw_unicode_escape'))
print(codecs.decode(b'\\u20ac \\\\u20ac', 'raw_unicode_escape'))

dec = codecs.getincrementaldecoder('utf-8')()
out = [dec.decode(bytes([c])) for c in 'é€'.encode()]
print(out, dec.decode(b'', final=True))
enc = codecs.getincrementalencoder('utf-16')()
print(enc.encode('a'), enc.encode('b'))

def search(name):
    if name == 'rev13':
        return codecs.CodecInfo(lambda s, errors='strict': (s[::-1], len(s)),
                                lambda b, errors='strict': (b[::-1], len(b)), name='rev13')
codecs.register(search)
print(codecs.encode('hello', 'rev13'), codecs.lookup('REV13').name)
codecs.unregister(search)

codecs.register_error('dash', lambda e: ('-' * (e.end - e.start), e.end))
print('a€b'.encode('cp1252'), 'a\u0101b'.encode('cp1252', 'dash'), codecs.lookup_error('dash')('x') if False else 'ok')
print(codecs.lookup_error('strict'), codecs.lookup_error('ignore'))
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE)
print(codecs.utf_16_ex_decode(b'\xfe\xff\x00a'), codecs.utf_16_encode('a'), codecs.readbuffer_encode('é'))
print(codecs.charmap_decode(b'\x00\x01\x02', 'strict', 'abc'), codecs.charmap_encode('ba', 'strict', {97: 1, 98: b'XY'}))
for f in [lambda: codecs.charmap_decode(b'\x05', 'strict', 'ab'), lambda: codecs.charmap_encode('z', 'strict', {97: 1}),
          lambda: codecs.unicode_escape_decode(b'\\N{foo}'), lambda: codecs.escape_decode(b'a\\x4g'),
          lambda: codecs.utf_8_encode(b'x'), lambda: codecs.utf_8_decode('x'), lambda: codecs.encode(b'a', 'utf-8'),
          lambda: codecs.unicode_escape_decode(b'\\x4g', 'replace'), lambda: codecs.unicode_escape_decode(b'a\\x4', 'strict', False)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
