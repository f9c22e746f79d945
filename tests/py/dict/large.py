d = {i: i * i for i in range(10000)}
print(len(d), d[9999], sum(d.values()) % 1000)
for i in range(0, 10000, 2):
    del d[i]
print(len(d), list(d)[:5])
