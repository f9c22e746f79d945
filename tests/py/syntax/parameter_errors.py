# CPython's invalid_parameters / invalid_lambda_parameters / invalid_default messages:
# parenthesized parameters, "expected comma between / and *", a missing default value.
sources = [
    'lambda a,d=,c: None', 'lambda a=: 0', 'lambda *, a=: 0', 'def f(a=, b): pass',
    'def foo(a=1,/*,b,c):\n   pass\n', 'def f(a,/*): pass', 'lambda a,/*,b: 0',
    'def f(x, (y, z), w):\n   pass\n', 'def f((x, y, z, w)):\n   pass\n',
    'def f(x, (y, z, w)):\n   pass\n', 'def f((x, y, z), w):\n   pass\n',
    'lambda x, (y, z), w: None', 'lambda (x, y, z, w): None', 'lambda x, (y, z, w): None',
    'lambda (x, y, z), w: None', 'def f(a, (b)): pass', 'def f(a=1, (b)): pass',
    'def f(a, (b,)): pass', 'def f((a), b=1): pass', 'def f(a, (b=1)): pass',
    'def f(*, (a)): pass', 'def f(()): pass', 'lambda (): 0', 'def f(a, /, (b)): pass',
    'def f((a, b), c=1): pass', 'def f((a,b)', 'lambda (a, b: 0', 'def f(a=1, /, *): pass',
    'def f(a, /*b): pass', 'def f(a=,): pass', 'def f(a=)', 'lambda a=,: 0',
]
for s in sources:
    try:
        compile(s, "f", "exec")
        print(repr(s), "ok")
    except SyntaxError as e:
        print(repr(s), repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)
