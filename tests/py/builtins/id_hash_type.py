a = []
print(id(a) == id(a), id(a) != id([]), type(id(a)).__name__, hash("x") == hash("x"), callable(len))
