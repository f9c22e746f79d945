parts = [str(i) for i in range(10000)]
s = ",".join(parts)
print(len(s), s[:20], s.count(","))
