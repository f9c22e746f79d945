d = {"b": 2, "a": 1, "c": 3}
for k, v in sorted(d.items()):
    print(k, v)
print(max(d, key=d.get), sorted(d, key=d.get, reverse=True))
