# The iteration built-ins carry CPython's docstrings (functools.update_wrapper copies them).
import functools

for f in (iter, next, sorted, min, max, sum, all, any):
    print(f.__name__, repr(f.__doc__))

def wrapper():
    pass
functools.update_wrapper(wrapper, max)
print(wrapper.__name__, wrapper.__doc__.startswith('max('), wrapper.__wrapped__ is max)

@functools.wraps(min)
def w2():
    pass
print(w2.__doc__.splitlines()[0])
