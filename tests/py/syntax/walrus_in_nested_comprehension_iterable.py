cases = [
    "[i for i in (lambda:(j := range(5)))()]",
    "[i for i in [j for j in range(5) if (j := True)]]",
    "[i for i in [(j := True) for j in range(5)]]",
    "{i for i in (lambda:(j := range(5)))()}",
    "[i for i in range(3) for k in (lambda: (j := 1))()]",
    "[i for i in (2, 3, i := range(5))]",
    "[lambda: (j := 1) for i in range(3)]",
    "[i for i in range(3) if (lambda: (j := 1))()]",
]
for code in cases:
    for wrap in ("{}", "lambda: {}"):
        src = wrap.format(code)
        try: compile(src, "<s>", "exec"); print("ok")
        except SyntaxError as e: print(repr(src), e.msg, e.lineno, e.offset)
