inf = float("inf"); nan = float("nan")
print(inf + 1, inf - inf, nan == nan, nan != nan, inf > 1e308, -inf < 0)
print(int(1e20), 1e20 == 10 ** 20)
try:
    int(inf)
except OverflowError as e:
    print(e)
try:
    int(nan)
except ValueError as e:
    print(e)
