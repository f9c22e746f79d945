# Identifiers and the tokenizer's invalid-character errors follow str.isidentifier() and
# str.isprintable() (Unicode 14.0, CPython 3.11's version); a str source starting with U+FEFF
# is an error (only bytes may carry a BOM).
for cp in [0x0CF3, 0x1123F, 0x11F02, 0x0378, 0x00A0, 0x00B7, 0x2118, 0x1885, 0x0E33, 0xFF10,
           0x1D2C0, 0x212E, 0x309B, 0xFEFF, 0x200B, 0x1369]:
    for src in ["x = 1 " + chr(cp), "x" + chr(cp) + " = 1", chr(cp) + "x = 1"]:
        try:
            compile(src, "f", "exec")
            print(hex(cp), "ok")
        except SyntaxError as e:
            print(hex(cp), e.msg)
for src in ["\ufeffx = 1", b"\xef\xbb\xbfx = 1", "\ufeff1"]:
    for mode in ("exec", "eval"):
        try:
            compile(src, "f", mode)
            print(mode, "ok")
        except SyntaxError as e:
            print(mode, e.msg)
