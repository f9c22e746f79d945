# Errors reported at the end of a line point at CPython's NEWLINE token: from the comment
# before the line end, if any, to the line end (end_offset == offset without a comment).
sources = [
    'if x\n    pass\n',
    'if x  # c\n    pass\n',
    'x = 1 +  # comment\n',
    'x = 1 +',
    'x = 1 +\ny = 2\n',
    'for x in y\n  pass\n',
    'x =\n',
    'class A\n  pass\n',
    'import\n',
    'from x import\n',
    'while True\n  pass\n',
    'lambda x\n',
    'def f(x)  # no colon\n    pass\n',
]
for s in sources:
    try:
        compile(s, "f", "exec")
    except SyntaxError as e:
        print(repr(s), repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)
