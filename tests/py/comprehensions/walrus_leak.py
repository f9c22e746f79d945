total = 0
vals = [total := total + v for v in range(5)]
print(vals, total)
