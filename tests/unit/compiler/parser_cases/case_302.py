if x:
    if y:
        if z:
            pass
        pass
    pass
