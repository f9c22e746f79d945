print(float(10**20), float(2**53 + 1), int(1e300) == 10**300, float(True), 7 // 2.0, 7.0 // -2, -7 % 2.5)
