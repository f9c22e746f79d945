try:
    import _bad.syntax
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.filename.endswith("syntax.py"), e.lineno)
