print(10**30 / 10**29, (2**80 + 1) / 2**80, 1 / 3, -7 / 2, 10**400 // 10**399)
try:
    10**400 / 1
except OverflowError as e:
    print(e)
