cases = [
    "[i := 0, j := 1 for i, j in [(1, 2), (3, 4)]]",
    "[a, b for a, b in x]",
    "{a, b for a, b in x}",
    "[i := 0, j for i, j in x]",
    "[a, b, for a, b in x]",
    "[a, for a in x]",
    "[*a, b for a in x]",
    "[a, b async for a, b in x]",
    "[(a, b) for a, b in x]",
]
for code in cases:
    try: compile(code, "<s>", "exec"); print("ok")
    except SyntaxError as e: print(repr(code), e.msg, e.lineno, e.offset, e.end_offset)
