def f(a: int, b: "str" = "x") -> list:
    pass
print(f.__annotations__)
