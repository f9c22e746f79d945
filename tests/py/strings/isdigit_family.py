for c in ("5", "٥", "½", "²", "Ⅻ", "a"):
    print(repr(c), c.isdigit(), c.isdecimal(), c.isnumeric())
