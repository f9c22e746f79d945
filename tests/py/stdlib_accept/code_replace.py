# code.replace(): the keywords whose changes keep the instructions valid (names, file, line
# numbers, constants, global and local names, argument kinds, flags, and the code's own co_code
# and co_linetable), their effect on calls, and the argument errors.
import inspect

def f(a, b=2, *, c=3):
    x = a + b + c
    return ("const", x, len)

code = f.__code__
g = type(f)(code.replace(co_name="g", co_qualname="outer.g", co_filename="other.py",
                          co_firstlineno=100), f.__globals__, "g", f.__defaults__)
g.__kwdefaults__ = f.__kwdefaults__
print(g.__code__.co_name, g.__code__.co_qualname, g.__code__.co_filename, g.__code__.co_firstlineno)
print(g(1), g(1, 2, c=4))
print(code.replace() is not code)

consts = tuple("CONST" if c == "const" else c for c in code.co_consts)
h = type(f)(code.replace(co_consts=consts), f.__globals__, "h", f.__defaults__, None)
h.__kwdefaults__ = {"c": 0}
print(h(1))

names = tuple("max" if n == "len" else n for n in code.co_names)
k = type(f)(code.replace(co_names=names), f.__globals__, "k", f.__defaults__)
k.__kwdefaults__ = {"c": 0}
print(k(1)[2] is max, code.co_names, k.__code__.co_names)

renamed = code.replace(co_varnames=("p", "q", "r", "x"))
m = type(f)(renamed, f.__globals__, "m", (5,))
m.__kwdefaults__ = {"r": 1}
print(renamed.co_varnames, inspect.signature(m), m(p=1), m(1, q=1, r=0))
try:
    m(a=1)
except TypeError as e:
    print("TypeError", e)

def pos(a, b):
    return a - b
p2 = type(pos)(pos.__code__.replace(co_posonlyargcount=1), {}, "p2")
print(inspect.signature(p2), p2(5, b=1))
try:
    p2(a=5, b=1)
except TypeError as e:
    print("TypeError", e)

def closure():
    v = 10
    def inner():
        return v
    return inner
inner = closure()
print(inner.__code__.co_freevars, inner.__code__.replace(co_freevars=("w",)).co_freevars,
      closure.__code__.replace(co_cellvars=("cv",)).co_cellvars)

def gen():
    yield 1
flags = gen.__code__.co_flags | inspect.CO_ITERABLE_COROUTINE
print(gen.__code__.replace(co_flags=flags).co_flags == flags)
same = code.replace(co_code=code.co_code, co_linetable=code.co_linetable,
                    co_nlocals=code.co_nlocals, co_stacksize=code.co_stacksize)
print(same.co_code == code.co_code, same.co_linetable == code.co_linetable,
      list(same.co_lines()) == list(code.co_lines()), list(same.co_positions()) == list(code.co_positions()))
print(code.replace(co_argcount=code.co_argcount, co_kwonlyargcount=code.co_kwonlyargcount).co_argcount)

for bad in [dict(co_name=3), dict(co_firstlineno="1"), dict(co_consts=[1]), dict(co_code="x"),
            dict(co_varnames=["a"]), dict(co_bogus=1),
            dict(co_flags=1.5)]:
    try:
        code.replace(**bad)
    except TypeError as e:
        print("TypeError", e)
try:
    code.replace(1)
except TypeError as e:
    print("TypeError", e)
