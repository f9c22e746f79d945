def f(x):
    assert x
    assert x > 0, "must be positive"
    if x:
        raise ValueError("bad") from None
    raise
