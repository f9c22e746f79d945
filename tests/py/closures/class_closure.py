def make(v):
    class C:
        def get(self):
            return v
    return C
print(make(5)().get(), make("x")().get())
