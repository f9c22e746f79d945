l = list(range(10))
print(l[2:5], l[::3], l[::-2], l[-3:], l[:-7])
l[2:4] = ["a", "b", "c"]; print(l)
l[::2] = [0] * len(l[::2]); print(l)
del l[1:3]; print(l)
try:
    l[::2] = [1, 2]
except ValueError as e:
    print(e)
try:
    l[100]
except IndexError as e:
    print(e)
