x = 256
y = 255 + 1
print(x == y)
print(type(x) is int)
