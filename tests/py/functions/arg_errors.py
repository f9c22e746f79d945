def f(a, b, c=1): pass
for call in (lambda: f(), lambda: f(1), lambda: f(1, 2, 3, 4), lambda: f(1, 2, d=3), lambda: f(1, a=1, b=2)):
    try:
        call()
    except TypeError as e:
        print(e)
def g(*, k): pass
try:
    g()
except TypeError as e:
    print(e)
