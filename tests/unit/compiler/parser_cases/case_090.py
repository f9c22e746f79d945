class C(A): pass
