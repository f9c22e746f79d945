a, *b = [1, 2, 3, 4]
print(a, b)
*c, d = range(5)
print(c, d)
e, *f, g = "hello"
print(e, f, g)
h, *i = [1]
print(h, i)
