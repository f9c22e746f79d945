def outer():
    y = 5
    def inner():
        return y
    return inner
f = outer()
print(f.__closure__[0].cell_contents, f.__code__.co_freevars)
