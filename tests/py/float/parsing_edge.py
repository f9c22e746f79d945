for s in ("1.5", "-.5", "+1e3", "1E-3", "  2  ", "nan", "-inf", "1_000.5", "0x1p3", "1e", "..", "1.5.5"):
    try:
        print(s, float(s))
    except ValueError as e:
        print(e)
