d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, list(d), list(d.values()), list(d.items()))
print(d.pop("a"), d.pop("zz", None), d.setdefault("e", 5), d.setdefault("b", 99), d)
print(d.popitem(), d)
d.update({"x": 1}, y=2); d.update([("z", 3)]); print(d)
try:
    d["nope"]
except KeyError as e:
    print("KeyError", e)
