def plain(a, b=1, *args, c, d=2, **kw):
    "docstring"
    return a

def annotated(x: int, y: 'str' = 'a') -> bool:
    pass

def posonly(a, b, /, c):
    return a + b + c

@decorator
@other(1)
def decorated():
    pass
