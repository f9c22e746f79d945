# unicodedata.lookup and unicodedata.name: names, aliases, named sequences, algorithmic names
# and the KeyError / ValueError of unknown ones.
import unicodedata as u

print(u.unidata_version)
for name in ["LATIN SMALL LETTER A", "latin small letter sharp s", "SPACE", "BEL", "NBSP",
             "LATIN CAPITAL LETTER GHA", "HANGUL SYLLABLE GAG", "CJK UNIFIED IDEOGRAPH-20000",
             "KEYCAP NUMBER SIGN", "LATIN SMALL LETTER R WITH TILDE", "SNOWMAN"]:
    print(name, ascii(u.lookup(name)))
print(ascii(u.lookup(b"DIGIT NINE")))
for bad in ["NOT A NAME", "hangul syllable gag", "CJK UNIFIED IDEOGRAPH-4e00", "A" * 300]:
    try:
        u.lookup(bad)
    except KeyError as e:
        print("KeyError", e)
for c in "aZ \u00e9\u4e00\u9fff\uac00\ud7a3\U0001F600\u2167":
    print(hex(ord(c)), u.name(c))
for c in "\x00\u0378\ue000\U00017000\ud800\U00031350":
    print(hex(ord(c)), u.name(c, "-"))
    try:
        u.name(c)
    except ValueError as e:
        print("ValueError", e)
for args in [(1,), ("ab",), ()]:
    try:
        u.name(*args)
    except TypeError as e:
        print("TypeError", e)
# Every name round-trips through lookup on a sample of the BMP.
bad = [c for c in range(0, 0x30000, 7) if u.name(chr(c), None) is not None and u.lookup(u.name(chr(c))) != chr(c)]
print("round trip failures:", bad)
