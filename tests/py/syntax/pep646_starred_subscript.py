# PEP 646: starred items in a subscript make a tuple, even a lone one.
class Show:
    def __getitem__(self, k):
        return k
    def __setitem__(self, k, v):
        print("set", k, v)
    def __delitem__(self, k):
        print("del", k)

x = Show()
a = [1, 2]
b = (3,)
print(x[*a])
print(x[*b])
print(x[*a,])
print(x[1, *a])
print(x[*a, *b])
print(x[*a, 1:2])
print(x[0:1, *b, ...])
print(x[*[] or b])
print(x[*(lambda: a)()])
print(x[*a if a else b])
x[*a] = 5
x[*a, 0] += ()
del x[*b]
for x[*a] in [7]:
    pass
[x[*b]] = [8]

cases = [
    "x[*a for a in b]",
    "x[*a, b for b in c]",
    "x[a, *b for b in c]",
    "x[*a, for b in c]",
    "x[a:b, *c for d in e]",
    "x[*a:1]",
    "x[**a]",
    "x[*]",
    "x[(*a)]",
    "x[*a:=b]",
    "x[*a]: int",
    "x[*a]: int = 1",
    "x[*a, b] = 1",
    "del x[*a]",
]
for code in cases:
    try:
        compile(code, "<s>", "exec")
        print(repr(code), "ok")
    except SyntaxError as e:
        print(repr(code), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
