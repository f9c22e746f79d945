x = 1
y = z = x + 2
a, b = b, a
first, *rest = [1, 2, 3]
x += 1
obj.attr = x
obj.attr -= 1
seq[0] = 5
seq[1:2] = []
seq[i] *= 2
