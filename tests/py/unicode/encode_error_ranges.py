# The range an encoding error covers: UTF-8, ASCII and Latin-1 report the whole run of
# unencodable characters (after the ones surrogateescape could write), UTF-16 and UTF-32 one
# character at a time.
for enc in ('utf-8', 'utf-8-sig', 'utf-16', 'utf-16-le', 'utf-32-be', 'latin-1', 'ascii'):
    for s in ("[\uDC80\uD800\uDFFF]", "[\ud800\udc80x", "a\udc80\udcff\u20ac\udc81", "\udc80\udc81"):
        for h in ('strict', 'surrogateescape', 'surrogatepass', 'ignore', 'replace',
                  'backslashreplace', 'xmlcharrefreplace'):
            try:
                print(enc, ascii(s), h, s.encode(enc, h))
            except UnicodeEncodeError as exc:
                print(enc, ascii(s), h, exc.start, exc.end, exc.reason)
