class Adder:
    def __init__(self, n): self.n = n
    def __call__(self, x): return x + self.n
a = Adder(5)
print(a(10), callable(a), callable(5))
