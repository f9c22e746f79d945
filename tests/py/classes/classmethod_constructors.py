class Date:
    def __init__(self, y, m, d): self.y, self.m, self.d = y, m, d
    @classmethod
    def from_string(cls, s):
        return cls(*map(int, s.split("-")))
    def __repr__(self): return f"{type(self).__name__}({self.y}, {self.m}, {self.d})"
class MyDate(Date): pass
print(Date.from_string("2024-01-31"), MyDate.from_string("1999-12-01"))
