def f(*args): pass
