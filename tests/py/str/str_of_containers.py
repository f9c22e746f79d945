print(str([1, "a", None, 2.5, (1,), {"k": [1]}]), str({1, 2}), str(()), str([[]]), repr(""))
