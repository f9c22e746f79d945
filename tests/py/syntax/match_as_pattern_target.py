# The target of "pattern as ..." must be a name other than "_": an expression there is an
# "invalid pattern target".
for s in ['match ...:\n  case 42 as 1+2+4:\n    ...\n', 'match x:\n  case 42 as _:\n    pass\n', 'match x:\n  case 42 as a.b:\n    pass\n', 'match x:\n  case 42 as (a):\n    pass\n', 'match x:\n  case 42 as 1:\n    pass\n', 'match x:\n  case 42 as a:\n    pass\n', 'match x:\n  case 42 as :\n    pass\n']:
    try:
        compile(s, 'f', 'exec')
        print(repr(s), 'ok')
    except SyntaxError as e:
        print(repr(s), repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)
