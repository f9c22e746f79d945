class G:
    def __init__(self): self.real = 1
    def __getattr__(self, name):
        return "virtual:" + name
print(G().real, G().missing)
class S:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)
s = S(); s.a = 5
print(s.a)
