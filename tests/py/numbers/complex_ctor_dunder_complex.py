import warnings
class complex0(complex):
    def __complex__(self):
        return 42j
print(complex(complex0(1j)))
class complex1(complex):
    def __new__(self, value=0j):
        return complex.__new__(self, 2*value)
    def __complex__(self):
        return self
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    r = complex(complex1(1j)); print(r, type(r).__name__, [str(x.message) for x in w])
class complex2(complex):
    def __complex__(self):
        return None
try: complex(complex2(1j))
except TypeError as e: print("TypeError", e)
class F(float):
    def __complex__(self): return 5j
print(complex(F(1.0)))
print(complex(complex0(1j), 2))
print(complex(1j), complex(2.5), complex(3, 4))
