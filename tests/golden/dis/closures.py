def outer(a):
    b = 1
    def middle():
        c = a
        def inner():
            nonlocal b
            b = c + a
            return b
        return inner
    return middle

def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
