for expr in ("1 + 'a'", "'a' * 'b'", "[] - []", "None < 1", "{} + {}", "-'x'", "~1.5", "1 @ 2"):
    try:
        eval(expr)
    except TypeError as e:
        print(expr, "->", e)
