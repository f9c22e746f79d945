x = "outer"
l = [x for x in range(3)]
print(x, l)
def f():
    y = 5
    return [y + i for i in range(3)]
print(f())
