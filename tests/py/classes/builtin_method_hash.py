# Bound builtin methods hash by their receiver's identity: [].append is hashable.
l = []
print(hash(l.append) == hash(l.append), l.append == l.append, l.append == [].append)
d = {l.append: 1}
print(d[l.append])
s = {1: 2}
print(hash(s.get) == hash(s.get))
