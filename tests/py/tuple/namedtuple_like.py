class P(tuple):
    def __new__(cls, x, y): return super().__new__(cls, (x, y))
    x = property(lambda self: self[0])
    y = property(lambda self: self[1])
p = P(1, 2)
print(p, p.x, p.y, type(p).__name__, len(p), p + (3,))
