# Indentation goes on over backslash continuations: the first backslash sets the column, and
# a line that is blank after its continuation does not count.
srcs = ["\\\npass\n        \\\n\npass\n", "\\\ndef fib(n):\n    \\\n'''Print a Fibonacci series up to n.'''\n    \\\na, b = 0, 1\n",
 "if x:\n    \\\n  y = 1\n", "if x:\n  \\\n    y = 1\n", "if x:\n    \\\n    y = 1\n", "x = 1\n    \\\n\n", "if 1:\n  \\\n\n  pass\n", "\\\n\\\nx = 1\n", "  \\\nx = 1\n", "if 1:\n  x = 1\n  \\ \n"]
for s in srcs:
    try:
        compile(s, 'f', 'exec')
        print(repr(s), 'ok')
    except SyntaxError as e:
        print(repr(s), repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)
