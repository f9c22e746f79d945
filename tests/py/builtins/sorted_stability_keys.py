records = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: (-r[1], r[0])))
print(min(records, key=lambda r: r[1]), max(records, key=lambda r: r[1]))
