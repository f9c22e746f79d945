r = range(2, 20, 3)
print(r, list(r), len(r), r[2], r[-1], r[1:3], 8 in r, 9 in r, r.index(11), range(5)[::-1], list(range(0)), range(3) == range(0, 3))
print(range(10**20)[-1], list(range(5, 0, -2)), range(10**20).__len__ if False else 0)
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)
