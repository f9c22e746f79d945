class Meta(type):
    def __getattr__(cls, name): return f"meta:{name}"
class C(metaclass=Meta):
    real = 1
print(C.real, C.virtual)
