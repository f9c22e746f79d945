class C: pass
C.greet = lambda self: "hi from " + type(self).__name__
print(C().greet())
def extra(self, n): return n * 2
setattr(C, "double", extra)
print(C().double(4))
