# The utf-7 codec: encoding (direct characters, '+', base64 runs and where they close, astral
# characters, lone surrogates), decoding with every error handler, final and incremental
# decoding, and the errors' reasons and positions.
import codecs

samples = [
    "", "A", "Hi Mom -\u263a-!", "A\u2262\u0391.", "\u65e5\u672c\u8a9e", "+", "a+b", "++",
    "1 + 2 = 3", "\\~", "~\\+", "\u20ac-", "\u20acx", "\u20ac ", "\u20ac.", "\u20ac+", "\u20ac\u20ac",
    "\U0001f600", "a\U0001f600b", "\ud800", "\udc00x", "\ud800\udc00", "\x00\x01\x7f", "\t\n\r ",
    "!\"#$%&*;<=>@[]^_`{|}", "'(),-./:?", "\x80\xff", "\uffff", "\U0010ffff",
]
for s in samples:
    b = s.encode("utf-7")
    print(ascii(s), b, codecs.utf_7_encode(s), b.decode("utf-7") == s)

print(codecs.utf_7_encode("\u20ac", "strict"), codecs.utf_7_encode("\u20ac", None))

inputs = [
    b"", b"abc", b"+-", b"+AKM-", b"+AKM", b"+AKMA", b"+AKMAow-", b"+AKMAow", b"+2D3cAA-",
    b"+2D3cAA", b"+2D0-", b"+2D0", b"+2D0x", b"+2D0.", b"+2D0\xff", b"+2D0+AGE-", b"+2D3YPQ-",
    b"+\xff", b"\xff", b"a\x80b", b"+AB-", b"+AAB-", b"+AAA-", b"+A", b"+AGE", b"+AGEA", b"a+",
    b"+", b"+!", b"+ ", b"+~", b"~\\", b"+AGE-+AGI-", b"+AGEAYg-", b"+AGEAYg", b"+AGEAYgBj",
    b"+ZeVnLIqe-", b"x+ZeVnLIqe", b"+AGE\xffb", b"+AG\xff", b"+2D3cAA+2D0-",
]
for b in inputs:
    row = [b]
    for errors in ("strict", "replace", "ignore", "backslashreplace", "surrogateescape"):
        try:
            row.append(ascii(b.decode("utf-7", errors)))
        except UnicodeDecodeError as e:
            row.append("%s %s %d %d %r %r" % (type(e).__name__, e.encoding, e.start, e.end, e.reason, e.object))
    print(*row)
    for final in (False, True):
        try:
            print("  ", final, ascii(codecs.utf_7_decode(b, "strict", final)))
        except UnicodeDecodeError as e:
            print("  ", final, e)
        try:
            print("  ", final, ascii(codecs.utf_7_decode(b, "replace", final)))
        except UnicodeDecodeError as e:
            print("  ", final, e)

# Incremental decoding, one byte at a time and in two pieces.
for b in [b"Hi Mom -+Jjo--!", b"A+ImIDkQ.", b"+2D3cAA-x", b"+ZeVnLIqe-", b"a+-b", b"+AKM"]:
    dec = codecs.getincrementaldecoder("utf-7")()
    parts = [dec.decode(b[i:i + 1]) for i in range(len(b))]
    try:
        parts.append(dec.decode(b"", final=True))
    except UnicodeDecodeError as e:
        parts.append(str(e))
    print(b, [ascii(p) for p in parts])
    for cut in range(len(b) + 1):
        dec = codecs.getincrementaldecoder("utf-7")("replace")
        print(" ", cut, ascii(dec.decode(b[:cut]) + dec.decode(b[cut:], final=True)))

enc = codecs.getincrementalencoder("utf-7")()
print(enc.encode("a\u20ac"), enc.encode("b"), enc.encode("", final=True))

# A registered error handler sees the UnicodeDecodeError and may move on elsewhere.
def handler(e):
    print("handler", e.reason, e.start, e.end)
    return ("<%d:%d>" % (e.start, e.end), e.end)

codecs.register_error("test.utf7", handler)
print(b"a\xffb+AB-c+2D0".decode("utf-7", "test.utf7"))

def skip_to_end(e):
    return ("!", len(e.object))

codecs.register_error("test.utf7.end", skip_to_end)
print(b"x\x80yyyy".decode("utf-7", "test.utf7.end"))

# Argument checking.
for call in (lambda: codecs.utf_7_encode(b"x"), lambda: codecs.utf_7_decode("x"),
             lambda: codecs.utf_7_decode(b"x", 1), lambda: codecs.utf_7_encode("x", "strict", 1),
             lambda: codecs.utf_7_decode(), lambda: "\xff".encode("utf-7", "bogus"),
             lambda: b"\xff".decode("utf-7", "bogus")):
    try:
        print(call())
    except (TypeError, LookupError) as e:
        print(type(e).__name__, e)
print(codecs.utf_7_decode(bytearray(b"+AKM-x")), codecs.utf_7_decode(memoryview(b"+AKM-x"), None, True))
print(codecs.lookup("utf-7").name, codecs.lookup("UTF7").name, codecs.lookup("u7").name)

# Round trips of every BMP block start and some astral characters.
text = "".join(chr(c) for c in range(0, 0x10000, 97)) + "".join(chr(c) for c in range(0x10000, 0x110000, 7919))
data = text.encode("utf-7")
print(len(data), data.decode("utf-7") == text, hash(data) == hash(data))
print(data[:60], data[-40:])
