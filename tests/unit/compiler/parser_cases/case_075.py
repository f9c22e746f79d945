def f(a, *args, b=1, **kwargs): pass
