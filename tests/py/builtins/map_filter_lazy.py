calls = []
def f(x):
    calls.append(x)
    return x * 2
m = map(f, [1, 2, 3])
print(calls)
print(next(m), calls)
print(list(m), calls)
