for i in range(10):
    if i % 2:
        continue
    if i > 6:
        break
    print(i)
else:
    print("no")
for j in []:
    pass
else:
    print("empty else")
