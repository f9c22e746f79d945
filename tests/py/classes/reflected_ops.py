class R:
    def __radd__(self, o): return f"radd({o})"
    def __rsub__(self, o): return f"rsub({o})"
print(1 + R(), "s" - R() if False else 5 - R())
class Sub(int):
    def __radd__(self, o): return "sub wins"
print(1 + Sub(2))
