# U+11A7 (the base of the Hangul trailing consonants) does not compose with an LV syllable:
# normalization keeps it, in every form and in the Unicode 3.2.0 view.
import unicodedata

for text in ["\uae30\u11a7", "\uae30\u11a7\u11a8", "\u1100\u1161\u11a7", "\u1100\u1161\u11a8",
             "a\u11a7\u0301", "\u11a7", "\uae30\u11a7e\u0301\u11a7\u1100\u1161"]:
    for db in (unicodedata, unicodedata.ucd_3_2_0):
        print(ascii(text), [ascii(db.normalize(f, text)) for f in ("NFC", "NFD", "NFKC", "NFKD")],
              db.is_normalized("NFC", text))
