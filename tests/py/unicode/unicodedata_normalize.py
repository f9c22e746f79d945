# unicodedata.normalize / is_normalized in the four forms.
import unicodedata as u

samples = ["abc", "\u00e9", "e\u0301", "\ufb01", "\u2460", "\uac00", "\u1100\u1161\u11a8", "A\u030a\u0323",
           "\u1e9b\u0323", "\u2126", "\u00c5ngstr\u00f6m \u212b"]
for s in samples:
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        r = u.normalize(form, s)
        print(form, ascii(s), ascii(r), u.is_normalized(form, s))
for args in [("XYZ", "a"), (1, "a"), ("NFC", 1)]:
    try:
        u.normalize(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
