class A:
    x = 1
    def __init__(self): self.y = 2
a = A()
print(a.__dict__, "x" in A.__dict__, type(A.__dict__).__name__)
a.__dict__["z"] = 3
print(a.z)
