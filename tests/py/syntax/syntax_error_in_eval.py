for src in ("1 +", "def", "a b", "(]", "x := 1", "f(**a, *b)", "lambda: (yield)", "'abc", "0777", "1_", "return 5", "break", "nonlocal x", "a, b += 1", "del f()", "f() = 1", "None = 1", "x = [1, 2", "if True:\npass", "class A:\n  def f(self):\n  return 1"):
    try:
        compile(src, "<test>", "exec")
        print(repr(src), "compiled")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, e.msg, e.lineno, e.offset)
