import sys
print(sys.exc_info())
try:
    raise ValueError("info")
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, tb is not None)
    print(repr(sys.exception()))
print(sys.exc_info())
