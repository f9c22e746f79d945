class Acc:
    def __init__(self): self.items = []
    def __iadd__(self, v):
        self.items.append(v)
        return self
a = Acc(); a += 1; a += 2
print(a.items)
