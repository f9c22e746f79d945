try:
    raise ValueError("x")
except ValueError as err:
    pass
try:
    err
except NameError as e:
    print(e)
