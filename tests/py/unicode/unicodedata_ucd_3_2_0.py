# unicodedata.ucd_3_2_0: the Unicode 3.2.0 view that the IDNA codec and stringprep use.
import unicodedata

old = unicodedata.ucd_3_2_0
print(old.unidata_version, type(old).__name__, type(old) is unicodedata.UCD)
try:
    unicodedata.UCD()
except TypeError as e:
    print("TypeError", e)

# Assigned later (read as unassigned), changed since 3.2.0, and unchanged code points.
for cp in [0x41, 0xB2, 0xAD, 0x231A, 0x0CF3, 0x1F600, 0x20000, 0x9FFF, 0x2F868, 0xE0001, 0xFFFE]:
    ch = chr(cp)
    print(hex(cp), old.category(ch), repr(old.bidirectional(ch)), old.east_asian_width(ch),
          old.mirrored(ch), old.decimal(ch, None), old.digit(ch, None), old.numeric(ch, None),
          repr(old.decomposition(ch)), old.combining(ch), old.name(ch, None))
    print("   now", unicodedata.category(ch), unicodedata.east_asian_width(ch), unicodedata.name(ch, None))

for name in ["latin small letter a", "WATCH", "GRINNING FACE", "LATIN CAPITAL LETTER GHA",
             "HANGUL SYLLABLE GA", "CJK UNIFIED IDEOGRAPH-4E00",
             "LATIN CAPITAL LETTER A WITH MACRON AND GRAVE"]:
    try:
        print(name, ascii(old.lookup(name)))
    except KeyError as e:
        print(name, "KeyError", e)

# Normalization: corrected decompositions keep their 3.2.0 form, later code points stay.
for s in ["\uf951", "\U0002f868", "a\u0301", "\u1e9b\u0323", "x\U0001f600\u0301", "\u00bd",
          "\uac00", "e\u0327\u0301", "\u2460\u0323\u0302"]:
    print(ascii(s), [ascii(old.normalize(f, s)) for f in ("NFC", "NFD", "NFKC", "NFKD")],
          old.is_normalized("NFC", s), ascii(unicodedata.normalize("NFD", s)))

import stringprep
print(stringprep.in_table_a1("\u0221"), stringprep.in_table_a1("a"), stringprep.in_table_d1("\u05d0"))
print("www.python.org.".encode("idna"), "bücher.example".encode("idna"), b"xn--bcher-kva.example".decode("idna"))
