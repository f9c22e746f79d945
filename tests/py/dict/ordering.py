d = {}
for k in "zyxabc":
    d[k] = ord(k)
del d["x"]
d["x"] = 0
print(list(d), d)
print(dict.fromkeys("abc", 0), dict(a=1, b=2), dict([(1, 2), (3, 4)]), dict({"k": "v"}, k2="v2"))
