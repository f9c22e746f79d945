x = [1, 2]
print([[y * z for y in x] for z in range(2)])
print([(a, b) for a in range(3) for b in range(a)])
print({i: [j for j in range(i)] for i in range(3)})
