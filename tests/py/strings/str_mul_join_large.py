s = "ab" * 50000
print(len(s), s.count("ab"), s[-3:], len("".join([s, s])))
