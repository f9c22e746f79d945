SECONDS = 24 * 60 * 60
MASK = (1 << 8) - 1
NAMES = ('a', 'b') + ('c',)
def f(x, y):
    s = '%s=%r' % (x, y)
    if x in [1, 2, 3]:
        return s
    if y in {4, 5, 6}:
        return not 1
    for v in [x, y]:
        print(v)
    return 1 / 0
