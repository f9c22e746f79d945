s = set(range(10))
for x in list(s):
    if x % 3 == 0:
        s.remove(x)
print(s)
s.update(range(20, 30))
print(s)
