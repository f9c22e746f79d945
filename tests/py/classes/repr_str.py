class V:
    def __init__(self, v): self.v = v
    def __repr__(self): return f"V({self.v!r})"
class W(V):
    def __str__(self): return f"<{self.v}>"
print(V(1), repr(V("a")), [V(2)], W(3), str(W(4)), repr(W(5)))
