l = [1, 2, 3]
print(list(reversed(l)), l[::-1], l.index(3, 1))
try:
    l.index(3, 0, 2)
except ValueError as e:
    print(e)
try:
    l.insert("x", 1)
except TypeError as e:
    print(e)
