f = lambda: 0
g = lambda x, y=2: x + y
def h(k):
    return lambda v: v + k
