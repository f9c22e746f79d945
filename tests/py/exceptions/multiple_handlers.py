for v in ([], {}, "x", 5):
    try:
        if v == []: raise IndexError("idx")
        if v == {}: raise KeyError("key")
        if v == "x": raise TypeError("type")
        print("none")
    except (IndexError, KeyError) as e:
        print("lookup", type(e).__name__, e)
    except TypeError as e:
        print("type", e)
