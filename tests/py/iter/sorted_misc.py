print(sorted({"b": 1, "a": 2}), sorted("hello"), sorted([3, 1, 2], reverse=True), sorted([]))
