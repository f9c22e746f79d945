for e in (Exception(), Exception("one"), Exception("a", 2), ValueError("v"), KeyError("k"), KeyError(), OSError(2, "No such file")):
    print(repr(e), "|", str(e), "|", e.args)
