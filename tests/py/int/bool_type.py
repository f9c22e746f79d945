print(True + True, True * 3, True & False, True | False, True ^ True, ~True, -True)
print(type(True & True).__name__, type(True + 1).__name__, repr(True), str(False), bool(5), bool(0))
print(isinstance(True, int), True is bool(1))
