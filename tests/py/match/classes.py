class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y): self.x, self.y = x, y
def f(p):
    match p:
        case Point(0, 0): return "origin"
        case Point(x=0, y=y): return f"on y axis at {y}"
        case Point(x, y) if x == y: return "diagonal"
        case Point(): return "somewhere"
        case int(n) | float(n): return f"number {n}"
print([f(v) for v in (Point(0, 0), Point(0, 5), Point(2, 2), Point(1, 3), 7, 2.5)])
