d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
d["d"] = 4
print(k, v, i, len(k), "a" in k, ("a", 1) in i)
print(k & {"a", "z"}, sorted(k | {"z"}), sorted(k - {"a"}), list(reversed(d)))
