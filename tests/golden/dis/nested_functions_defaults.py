def outer(default):
    def inner(x=default, *, y=default + 1):
        return x + y
    return inner
