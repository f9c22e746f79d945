print(hash(1), hash(-1), hash(2**61), hash(2**61 - 1), hash(-2**63), hash(10**20))
