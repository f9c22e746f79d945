def f(x):
    return list(map(f, [x]))
try:
    f(1)
except RecursionError:
    print("RecursionError via map")
