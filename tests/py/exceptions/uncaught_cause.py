try:
    int("x")
except ValueError as e:
    raise RuntimeError("bad input") from e
