def f():
    """Docstring."""
    x = 1
    return x
