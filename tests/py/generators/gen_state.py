def g():
    yield 1
gen = g()
print(type(gen).__name__, gen.__name__)
print(list(gen), list(gen))
