l = []
for i in range(100000):
    l.append(i)
print(len(l), l[-1], sum(l))
