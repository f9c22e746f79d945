# Generalized UTF-8 inside the interpreter: non-ASCII format fills, str <-> utf-8, and string
# literals and f-strings with escapes.
print(format("ab", "é^7"), format(3, "\U0001F600>5"), format(2.5, "\u20ac<8"), f"{'x':\u00e9>4}")
for s in ("aé€😀", "\ud800x", "\x7f\x80\u07ff\u0800\uffff\U00010000\U0010ffff"):
    print(ascii(s), len(s), s.encode("utf-8", "surrogatepass"))
print(ascii(b"\xf0\x9f\x98\x80\xe2\x82\xac".decode()))
print(ascii(eval("'é€😀\\ud800\\n'")))
print(ascii(f"\N{EURO SIGN}{1}\u00e9\x80{'😀'}\U0001F600"))
print(ascii("é" "\N{GREEK SMALL LETTER ALPHA}"), ascii(b"\xc3\xa9".decode()))
