# "match <subject>" followed by a NEWLINE: "expected ':'" (CPython's invalid_match_stmt) when
# the line is no other statement; "match(x)" and "match = 3" stay valid.
sources = ['match x\n  case list():\n      pass\n', 'match x\n', 'match(x)\n', 'match (x)\n',
           'match = 3\n', 'match x, y\n', 'match -x\n', 'match *x\n', 'match [x]\n', 'match.x\n']
for s in sources:
    try:
        compile(s, "f", "exec")
        print(repr(s), "ok")
    except SyntaxError as e:
        print(repr(s), repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)
