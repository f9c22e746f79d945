x: int = 1
y: str

class P:
    a: int
    b: list = []
    c.d: int = 2

def f():
    z: int = 3
    return z
