# SyntaxError(msg, details): details must hold 4 to 6 items, and end_lineno needs end_offset.
for args in [("bad.py", 1, 2), ("bad.py", 1, 2, 4, 5, 6, 7), ("bad.py", 1, 2, "abcdefg", 1),
             ("bad.py", 1, 2, "abc", 3, 4), ("bad.py", 1, 2, "abc")]:
    try:
        e = SyntaxError("bad bad", args)
        print(e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset)
    except TypeError as e:
        print("TypeError", e)
