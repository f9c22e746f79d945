z = 3 + 4j
print(z, abs(z), z.real, z.imag, z.conjugate(), z * 1j, z / 2, complex(1, -1), complex("1+2j"), (1j) ** 2)
print(repr(complex(0, 0)), repr(-1j), repr(complex(-0.0, -0.0)), 1j == complex(0, 1))
