"""Module docstring."""

def f():
    """Function docstring."""

def g():
    x = 'not a doc'
    return x

class K:
    """Class doc."""
