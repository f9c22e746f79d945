e = ValueError("x")
e.extra = 5
print(e.extra, e.__dict__)
e.args = ("changed",)
print(e, e.args)
