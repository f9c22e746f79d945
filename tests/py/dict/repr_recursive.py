d = {}
d["self"] = d
print(d)
