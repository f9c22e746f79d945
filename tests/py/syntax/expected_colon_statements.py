# "expected ':'" where CPython's invalid_with_stmt, invalid_except_stmt and invalid_for_stmt
# rules report it (a NEWLINE right after the header), "invalid syntax" elsewhere.
sources = [
    'with a as b\n', 'with blech as something\n  pass\n', 'with blech, block as something\n  pass\n',
    'with (blech as something)\n  pass\n', 'with (blech, block as something)\n  pass\n',
    'with a\n  pass\n', 'with (a, b)\n', 'with (a, b):\n  pass\n', 'with (a)\n  pass\n',
    'with a, (b as c)\n', 'with a as b c:\n', 'with (a as b) c\n', 'with (yield)\n',
    'try:\n  pass\nexcept\n', 'try:\n  pass\nexcept*\n', 'try:\n  pass\nexcept E\n',
    'try:\n  pass\nexcept E as e\n', 'try\n  pass\n', 'try:\n  pass\nfinally\n  pass\n',
    'for x in range 10:\n  pass\n', 'for x in y\n  pass\n', 'for x in y z:\n pass\n',
    'for x in y if z:\n pass\n', 'for x in y = 3:\n pass\n', 'for x in *a, *b:\n pass\n',
    'for x in y;\n', 'for x in y: pass\nelse pass\n', 'async def f():\n async for x in y\n  pass\n',
    'while x\n  pass\n', 'if x:\n  pass\nelif y\n  pass\n', 'if x:\n pass\nelse\n pass\n',
    'class A(B)\n  pass\n',
]
for s in sources:
    try:
        compile(s, "f", "exec")
        print(repr(s), "ok")
    except SyntaxError as e:
        print(repr(s), repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)
