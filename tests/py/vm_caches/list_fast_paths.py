# List subscripts, unpacking and slice assignment on the interpreter's fast paths.
a = [0, 1, 2, 3, 4]
a[-1] = "last"
a[0] = "first"
print(a)
for i in (5, -6):
    try:
        a[i] = 0
    except IndexError as e:
        print("IndexError", e)
try:
    a["x"] = 0
except TypeError as e:
    print("TypeError", e)
print(a[1:3], a[::-1], a[-2:], a[10:])

x, y, z = [1, 2, 3]
print(x, y, z)
for bad in ([1, 2], [1, 2, 3, 4]):
    try:
        x, y, z = bad
    except ValueError as e:
        print("ValueError", e)

b = list(range(8))
b[:3] = b[5::-1]
print(b)
b[::2] = [9, 9, 9, 9, 9, 9][:len(b[::2])]
print(b)
try:
    b[::2] = [1, 2]
except ValueError as e:
    print("ValueError", e)
c = [1, 2, 3]
c[1:] = c                       # a list assigned into itself
print(c)
c[:] = (7, 8)
print(c)
c[1:1] = []
print(c)
del c[0]
print(c)

class L(list):
    def __getitem__(self, i):
        return "sub"
    def __setitem__(self, i, v):
        print("set", i, v)
l = L([1, 2])
print(l[0], l[0:1])
l[0] = 5
