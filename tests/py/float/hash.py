print(hash(1.0), hash(1.5), hash(-2.5), hash(0.1), hash(1e100), hash(float("inf")), hash(2.0 ** 70))
