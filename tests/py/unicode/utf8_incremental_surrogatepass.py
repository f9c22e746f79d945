# The incremental UTF-8 decoder keeps a truncated encoded surrogate for the next chunk, so that
# surrogatepass can decode it once complete.
import codecs

for text in ('\ud901', '\udc02', 'a\udfffb'):
    data = text.encode('utf-8', 'surrogatepass')
    for i in range(1, len(data)):
        for errors in ('surrogatepass', 'strict', 'replace'):
            dec = codecs.getincrementaldecoder('utf-8')(errors)
            try:
                first = dec.decode(data[:i])
                print(ascii(text), i, errors, ascii(first), ascii(dec.decode(data[i:], True)))
            except UnicodeDecodeError as e:
                print(ascii(text), i, errors, 'error', e.start, e.end, e.reason)
print(ascii(codecs.utf_8_decode(b'x\xed\xa0', 'strict', False)))
print(ascii(codecs.utf_8_decode(b'x\xed\x80', 'replace', False)))
