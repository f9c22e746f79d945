def f(a: int, b: str = "x") -> bool: pass
