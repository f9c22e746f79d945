def f(*args: int, **kw: str): pass
