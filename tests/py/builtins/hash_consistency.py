print(hash(1) == hash(1.0), hash(True) == hash(1), hash((1, 2)) == hash((1.0, 2.0)), hash(0) == hash(-0.0), hash("") == 0)
