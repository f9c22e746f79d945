print(pow(2, -1, 5), pow(-3, 3, 7), pow(3, 0, 1), pow(10, 20, 7))
try:
    pow(2, -1, 4)
except ValueError as e:
    print(e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print(e)
