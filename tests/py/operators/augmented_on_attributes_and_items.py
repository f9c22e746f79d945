class A: pass
a = A(); a.n = 1
a.n += 5
d = {"k": [1]}
d["k"] += [2]
l = [1, 2, 3]
l[0] *= 10
print(a.n, d, l)
