x = 1
del x
try:
    x
except NameError as e:
    print(e)
l = [1, 2, 3, 4]
del l[1]
print(l)
del l[::2]
print(l)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
class A: pass
a = A(); a.v = 1
del a.v
print(hasattr(a, "v"))
