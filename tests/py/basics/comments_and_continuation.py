x = 1 + \
    2  # comment
y = (1 +
     2 +
     3)
z = [1,
     2,  # inside
     3]
print(x, y, z)
