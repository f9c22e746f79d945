try:
    compile("x = (1,\n", "file.py", "exec")
except SyntaxError as e:
    print(e.msg, e.filename, e.lineno, e.offset, repr(e.text))
try:
    compile("a b", "<s>", "eval")
except SyntaxError as e:
    print(str(e), e.args[0])
