# __debug__ cannot be assigned or deleted: as a name (assignment, walrus, del, augmented and
# annotated assignment, for/with/except targets, imports), an attribute, a keyword argument or
# a parameter; it can be read.
for s in ['obj.__debug__ = 1', '__debug__ = 1', '(__debug__ := 1)', 'del __debug__', '(a, __debug__, c) = (1, 2, 3)', '(a, *__debug__, c) = (1, 2, 3)', 'f(__debug__=1)', '__debug__: int', '__debug__ += 1', 'def f(__debug__): pass', 'def f(*, __debug__): pass', 'def f(*__debug__): pass', 'lambda __debug__: 0', 'import __debug__', 'from x import __debug__', 'import a as __debug__', 'for __debug__ in x: pass', 'with a as __debug__: pass', 'del x.__debug__', 'class A(__debug__=1): pass', 'x = __debug__', 'print(x.__debug__)', 'def f(**__debug__): pass', 'class __debug__: pass', 'def __debug__(): pass', 'try: pass\nexcept E as __debug__: pass']:
    try:
        compile(s, 'f', 'exec')
        print(repr(s), 'ok')
    except SyntaxError as e:
        print(repr(s), repr(e.msg), e.lineno, e.offset, e.end_offset)
