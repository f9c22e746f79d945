class C:
    x = 1
    def f(self): return self.x
