d = {None: "none", (): "tuple", 0: "zero"}
print(d.get(None), d[()], d.get(0.0), d.get(False))
