for src in ["def f(:", "1 +* 2", "\x00", "'\\xZZ'", "x = '''", "if 1:\n\tx\n        y"]:
    try:
        exec(src)
    except SyntaxError as e:
        print(type(e).__name__, e.msg)
    except ValueError as e:
        print("ValueError", e)
