out = []
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        out.append((i, j))
print(out)
