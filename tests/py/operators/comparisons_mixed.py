print(1 == "1", None == 0, [] == (), {} == set(), 1.0 == 1, "a" != "b", [1, [2]] == [1, [2]], (1, 2) != (1, 2.0))
for a, b in ((1, "x"), ([], ()), (None, None)):
    try:
        print(a < b)
    except TypeError as e:
        print(e)
