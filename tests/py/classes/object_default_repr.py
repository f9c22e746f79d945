class A: pass
r = repr(A())
print(r.startswith("<__main__.A object at 0x"))
print(repr(A))
print(A.__module__, A.__qualname__)
