# CPython's invalid_kvpair errors in dict displays: a starred value, a missing ':' after a key
# (reported from the key's last character, end_offset 0), a missing value after ':'.
sources = ['{1: *12+1, 23: 1}', '{1: *12+1}', '{1: 23, 1: *12+1}', '{1: *a}', 'x = {**a, 1: *b}',
           '{1:}', '{1: 2, 3:}', '{1 2}', '{1: 2, 3}', '{1: 2, abc}', '{1: 2, 3 + 4}',
           '{1: 2, *a}', '{**a, 3}']
for s in sources:
    try:
        compile(s, "f", "exec")
        print(repr(s), "ok")
    except SyntaxError as e:
        print(repr(s), repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)
