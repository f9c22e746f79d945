l = [1, 2, 3, 4]
for x in l:
    if x == 2:
        l.remove(x)
print(l)
l = [1]
for x in l:
    if len(l) < 5:
        l.append(x + 1)
print(l)
