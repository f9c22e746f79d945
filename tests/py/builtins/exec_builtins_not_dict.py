# A __builtins__ that is neither a module nor a dict is indexed at each builtin lookup: any
# mapping works, and a non-mapping fails only when a builtin is looked up.
import collections

code = compile("print('Hello World!')", "", "exec")
try:
    exec(code, {'__builtins__': 123})
except TypeError as e:
    print("TypeError", e)
g = {'__builtins__': 123}
exec("x = 1", g)
print("no lookup", g['x'])

ud = collections.UserDict({'print': print, 'len': len})
exec("print(len('abc'))", {'__builtins__': ud})
exec("def f(): return len('abcd')\nprint(f())", {'__builtins__': ud})
try:
    exec("nosuch", {'__builtins__': ud})
except NameError as e:
    print("NameError", e)


class Mapping:
    def __getitem__(self, key):
        if key == 'answer':
            return 42
        raise KeyError(key)


exec("print_ = answer", g2 := {'__builtins__': Mapping()})
print(g2['print_'])
try:
    exec("def f(): return missing\nf()", {'__builtins__': Mapping()})
except NameError as e:
    print("NameError", e)
