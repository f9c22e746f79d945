"""Module docstring."""
def f():
    """Function docstring."""
class C:
    """Class docstring."""
print(__doc__, f.__doc__, C.__doc__)
def g():
    x = 1
    "not a docstring"
print(g.__doc__)
