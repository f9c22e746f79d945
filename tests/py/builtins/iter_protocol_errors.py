try:
    iter(5)
except TypeError as e:
    print(e)
try:
    next([1])
except TypeError as e:
    print(e)
try:
    for x in None: pass
except TypeError as e:
    print(e)
