class Seq:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
    def __getitem__(self, i):
        if i >= self.n: raise IndexError(i)
        return i * 10
    def __contains__(self, v): return v == 42
s = Seq(3)
print(len(s), s[1], list(s), 42 in s, 10 in s, list(reversed(s)))
class M:
    def __init__(self): self.d = {}
    def __setitem__(self, k, v): self.d[k] = v
    def __getitem__(self, k): return self.d[k]
    def __delitem__(self, k): del self.d[k]
m = M(); m["a"] = 1; m[1, 2] = 3
print(m["a"], m[1, 2]); del m["a"]; print(m.d)
