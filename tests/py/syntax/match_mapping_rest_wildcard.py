# A mapping pattern's "**rest" takes a capture name other than "_".
for s in ['match ...:\n    case {**_}:\n       ...\n', 'match x:\n    case {1: 2, **_}:\n       pass\n', 'match x:\n    case {**rest}:\n       pass\n', 'match x:\n    case {**_x}:\n       pass\n']:
    try:
        compile(s, 'f', 'exec')
        print(repr(s), 'ok')
    except SyntaxError as e:
        print(repr(s), repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)
