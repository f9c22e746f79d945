s = "1" * 5000
try:
    int(s)
except ValueError as e:
    print(e)
big = 10 ** 5000
try:
    str(big)
except ValueError as e:
    print(e)
