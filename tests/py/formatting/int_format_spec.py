for spec in ("", "5", "05", "+", " ", "x", "#x", "#o", "#b", ",", "_", "_x", "=+8", "c", "n", "e", ".2f", "%"):
    print(spec, repr(format(42, spec)), repr(format(-1234567, spec)) if spec not in ("c",) else "")
