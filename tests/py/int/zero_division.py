for a, b in ((1, 0), (1.0, 0), (1, 0.0)):
    for op in ("/", "//", "%"):
        try:
            eval(f"a {op} b")
        except ZeroDivisionError as e:
            print(op, e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print(e)
