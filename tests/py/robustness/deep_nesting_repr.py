l = []
for _ in range(100000):
    l = [l]
try:
    repr(l)
except RecursionError as e:
    print("RecursionError", e)
