# SyntaxError locations: a multi-line f-string replacement field (CPython 3.11 shifts columns
# by its "starting column" on the field's later lines), and an unclosed bracket met while
# reading the arguments after an unparenthesized generator expression, or after a backslash
# continuation at the end of the input.
sources = [
    'f"{a b}"\n',
    'x = 1\nf"{a b}"\n',
    'f"""\n{a b}"""\n',
    'f"""\n{\na b}"""\n',
    'f"""{\na b}"""\n',
    'x=f"""ab {\n\n  a b}"""\n',
    'f"""\n\n\n            {\n            6\n            0="""',
    'f"{a $ b}"',
    'f"""{a\n $ b}"""',
    '"\\\n"(1 for c in I,\\\n\\',
    '(1 for c in I,\\\n\\',
    'f(1 for c in I,\\\n\\',
    'f(1 for c in I,\n',
    'f(1 for c in I,',
    '(1,\\\n\\',
    'x = (1,\\\n\\',
    'x = 1 +\\\n\\',
    '(1 for c in I, 2',
    'f(a for a in b, c)',
    'f(a for a in b, c',
    'f(a for a in b, *c',
    'f(a for a in b, c=1',
    'f(a for a in b, c d',
    'f(a for a in b, c\\\n\\',
]
for s in sources:
    try:
        compile(s, "<fragment>", "exec")
    except SyntaxError as e:
        print(repr(s), repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)
