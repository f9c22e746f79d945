class P:
    def __repr__(self): return "P()"
    def __format__(self, spec): return f"P[{spec}]"
print(f"{P()}", f"{P()!r}", f"{P():abc}", format(P(), "z"), str(P()))
