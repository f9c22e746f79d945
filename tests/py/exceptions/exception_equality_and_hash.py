a = ValueError(1)
print(a == a, a == ValueError(1), isinstance(hash(a), int))
