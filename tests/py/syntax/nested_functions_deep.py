def a():
    def b():
        def c():
            def d():
                return "deep"
            return d()
        return c()
    return b()
print(a())
