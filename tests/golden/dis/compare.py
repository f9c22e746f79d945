def f(a, b, c):
    r1 = a < b
    r2 = a < b < c
    r3 = a is None
    r4 = a is not b
    r5 = a in b
    r6 = a not in b
    if a == b != c:
        return 1
    return r1, r2, r3, r4, r5, r6
