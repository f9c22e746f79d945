print(abs(-5), abs(-2.5), abs(3 + 4j), divmod(7, 2), pow(2, 8), pow(2, -2), pow(7, 2, 5), round(2.567, 1), bin(10), oct(10), hex(10))
print(max(1, 2.5), min(-1, -1.5), sum(range(101)), round(-2.5), round(3.5))
