def f():
    try:
        return "try"
    finally:
        print("in finally")
print(f())
def g():
    try:
        raise ValueError
    finally:
        return "swallowed"
print(g())
