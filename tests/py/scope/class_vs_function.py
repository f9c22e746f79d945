x = 1
def f():
    x = 2
    class C:
        y = x
        x = 3
        z = x
    return C.y, C.z
print(f())
