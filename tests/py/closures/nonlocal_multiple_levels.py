def a():
    x = 0
    def b():
        def c():
            nonlocal x
            x += 10
        c()
        return x
    return b()
print(a())
