# _operator: the functions are native builtins with CPython's names, docstrings, module and
# argument errors; operator re-exports them.
import _operator
import operator
import pickle

names = ('_compare_digest abs add and_ call concat contains countOf delitem eq floordiv ge '
         'getitem gt iadd iand iconcat ifloordiv ilshift imatmul imod imul index indexOf inv '
         'invert ior ipow irshift is_ is_not isub itruediv ixor le length_hint lshift lt matmul '
         'mod mul ne neg not_ or_ pos pow rshift setitem sub truediv truth xor').split()
for n in names:
    f = getattr(_operator, n)
    print(n, type(f).__name__, f.__name__, f.__qualname__, f.__module__, repr(f))
    print(' ', repr(f.__doc__))
    if not n.startswith('_'):
        print(' ', getattr(operator, n) is f)
print(type(operator.add).__name__ == 'builtin_function_or_method')
print(operator.__add__ is operator.add, operator.__inv__ is operator.inv, operator.__index__ is operator.index)
print(sorted(n for n in dir(_operator) if not n.startswith('__')) == sorted(names + ['attrgetter', 'itemgetter', 'methodcaller']))
print(pickle.loads(pickle.dumps(operator.add)) is operator.add, operator.mul.__reduce__())
print(operator.add == _operator.add, hash(operator.add) == hash(_operator.add))

def err(f, *args, **kw):
    try:
        f(*args, **kw)
        print('no error')
    except TypeError as e:
        print(e)

for n in names:
    f = getattr(_operator, n)
    err(f)
    err(f, 1, 2, 3, 4)
    err(f, 1, x=1)
    err(f, a=1, b=2)
err(_operator.length_hint, [], default=3)
err(_operator.call, obj=len)

from functools import reduce
print(reduce(operator.add, range(100)), list(map(operator.mul, [1, 2, 3], [4, 5, 6])))
print(sorted([3, 1, 2], key=operator.neg), list(map(operator.itemgetter(0), ['ab', 'cd'])))
