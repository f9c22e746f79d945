d = dict.fromkeys(["a", "b"], [])
d["a"].append(1)
print(d)
