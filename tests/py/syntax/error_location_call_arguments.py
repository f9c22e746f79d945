# Misplaced arguments in a call: CPython's invalid_arguments rule reports a positional argument
# after keywords at the token after the arguments that follow it (unless they hold a more
# specific error), and iterable unpacking after keyword unpacking at the '*'.
sources = [
    'f(**x, *y)', 'f(**x, *y, z)', 'f(**x, *(y+1))', 'f(a, **x, *y)', 'f(**x, *y for y in z)',
    'f(**x, a, *y)', 'f(x=1, y)', 'f(x=1, y, z)', 'f(**k, y)', 'f(x=1, (y))', 'f(x=1, y+1)',
    'f(x=1, y, z=2)', 'f(x=1, y, **k)', 'f(x=1, y, z for z in w)', 'f(x=1, y, *z)',
    'f(x=1, y z)', 'f(x=1, y, z=)', 'f(x=1, y,)', 'f(**k, y, x=1)', 'f(x=1, y, $)',
    'f(x=1, *y, z)', 'f(**k, *y, z)', 'f(x=1, y=2, z)', 'class A(x=1, B): pass',
    'f(x=1, y, (z := 3))', 'f(x=1, y, True=2)', 'f(x=1, y, z==1=2)', 'f(x=1, y, a=b for b in c)',
    'f(x=1, y, 1 if 2)', 'f(x=1, y, *)',
]
for s in sources:
    try:
        compile(s, "f", "exec")
        print(repr(s), "ok")
    except SyntaxError as e:
        print(repr(s), repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)
