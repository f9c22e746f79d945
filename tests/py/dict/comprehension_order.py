d = {k: len(k) for k in ["apple", "fig", "banana"]}
print(d, list(d.items())[-1])
