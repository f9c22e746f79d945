def d1(f): return f
class K:
    def deco(self, f): return f
k = K()
items = [d1]
@items[0]
@k.deco
@(lambda f: f)
def g(): return "g"
print(g())
