def outer():
    v = 1
    def inner():
        return v
    del v
    try:
        inner()
    except NameError as e:
        print(e)
outer()
