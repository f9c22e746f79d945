class A: pass
class B(A): pass
class C(A): pass
print(sorted(c.__name__ for c in A.__subclasses__()), B.__base__.__name__, A.__bases__)
