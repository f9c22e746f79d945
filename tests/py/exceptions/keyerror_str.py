print(str(KeyError("k")), str(KeyError()), str(KeyError(1, 2)), repr(KeyError("k")))
