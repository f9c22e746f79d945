for i in range(10):
    if i:
        continue
    else:
        break
else:
    pass
