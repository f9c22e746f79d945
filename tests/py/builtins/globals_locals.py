x = 5
print(globals()["x"], "x" in globals(), __name__)
def f(a):
    b = 2
    return sorted(locals().items())
print(f(1))
