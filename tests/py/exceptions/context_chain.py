try:
    try:
        raise KeyError("a")
    except KeyError:
        raise TypeError("b")
except TypeError as e:
    print(repr(e.__context__))
