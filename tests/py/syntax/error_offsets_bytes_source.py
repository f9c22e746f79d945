# Source given as bytes without an encoding declaration (compile(b"..."), a file): CPython's
# tokenizer has no encoding then, and error columns stay byte offsets. A str source, or bytes
# with a declaration, get character offsets.
sources = [
    b'x = "\xc3\xa9" +',
    'x = "\xe9" +',
    b'# -*- coding: utf-8 -*-\nx = "\xc3\xa9" +',
    b'\xef\xbb\xbfx = "\xc3\xa9" + $',
    b'x = "\xc3\xa9" + $',
    b'\xc3\xa9 = 1 +',
    '\xe9 = 1 +',
]
for s in sources:
    for mode in ("exec", "eval"):
        try:
            compile(s, "f", mode)
        except SyntaxError as e:
            print(repr(s), mode, repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)
    try:
        exec(s)
    except SyntaxError as e:
        print(repr(s), "exec()", e.offset, e.end_offset)
