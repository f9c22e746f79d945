# enumerate is subscriptable (PEP 585).
a = enumerate[str]
print(a, a.__origin__ is enumerate, a.__args__, list(a(["x", "y"])))
