def f(items, cm):
    for x in items:
        try:
            if x:
                break
            continue
        finally:
            print(x)
    for y in items:
        with cm:
            if y:
                return y
            break
    while items:
        try:
            return 1
        except KeyError:
            continue
