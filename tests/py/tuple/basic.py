t = (1, 2, 3)
print(t, t[0], t[-1], t[1:], len(t), t + (4,), t * 2, 2 in t, t.index(3), t.count(1), (1,), (), tuple("ab"))
print((1, 2) < (1, 3), (1, 2) == (1, 2), hash((1, 2)) == hash((1, 2)), hash(()), hash((1, 2, 3)), hash((1, (2, 3))))
try:
    t[0] = 5
except TypeError as e:
    print(e)
