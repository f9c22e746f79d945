import gc
a = [1]
b = [a]
a.append(b)
gc.collect()
print(a[1][0][0], len(a))
