class D:
    def __divmod__(self, o): return ("divmod", o)
    def __rdivmod__(self, o): return ("rdivmod", o)
    def __pow__(self, e, mod=None): return ("pow", e, mod)
print(divmod(D(), 3), divmod(3, D()), D() ** 2, pow(D(), 2, 5))
