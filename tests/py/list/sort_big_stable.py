import_order = [(i % 7, i) for i in range(1000)]
s = sorted(import_order, key=lambda p: p[0])
print(s[:5], s[-3:], all(s[i][1] < s[i + 1][1] for i in range(len(s) - 1) if s[i][0] == s[i + 1][0]))
