def numbers():
    n = 0
    while True:
        yield n
        n += 1
def take(it, k):
    for i, v in enumerate(it):
        if i >= k:
            return
        yield v
def squares(it):
    for v in it:
        yield v * v
print(list(take(squares(numbers()), 6)))
