class A:
    cls_attr = 1
    def __init__(self): self.inst = 2
print(vars(A()), "cls_attr" in dir(A), "inst" in dir(A()), "__init__" in dir(A))
print([n for n in dir([]) if not n.startswith("_")])
