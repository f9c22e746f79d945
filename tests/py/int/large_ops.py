a = 3 ** 500
b = 7 ** 300
print(a % b == a - (a // b) * b, len(str(a)), (a * b) // b == a, -a // b, (-a) % b, pow(a, b, 10**9 + 7))
print(a.bit_length(), hash(a) == hash(a + 0), str(2**1000)[:30])
