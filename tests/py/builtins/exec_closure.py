# exec(code, globals, locals, *, closure=...): the cells for a code object's free variables.
import types


def attempt(label, *args, **kws):
    try:
        exec(*args, **kws)
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, e)


result = 0


def make_closure_functions():
    a = 2
    b = 3
    c = 5

    def three_freevars():
        nonlocal a
        global result
        result = a * b
        a += 1

    def four_freevars():
        global result
        result = a * b * c * d

    d = 7
    return three_freevars, four_freevars


three, four = make_closure_functions()
print(three.__code__.co_freevars, four.__code__.co_freevars)
exec(three.__code__, three.__globals__, closure=three.__closure__)
print(result, three.__closure__[0].cell_contents)
my_closure = (types.CellType(35), types.CellType(72))
exec(three.__code__, three.__globals__, closure=my_closure)
print(result, my_closure[0].cell_contents)
exec(four.__code__, four.__globals__, None, closure=four.__closure__)
print(result)

attempt("no closure", three.__code__, three.__globals__)
attempt("closure None", three.__code__, three.__globals__, closure=None)
attempt("wrong length", three.__code__, three.__globals__, closure=four.__closure__)
attempt("list", three.__code__, three.__globals__, closure=list(my_closure))
attempt("not cells", three.__code__, three.__globals__, closure=(1, 2))
attempt("tuple subclass", three.__code__, three.__globals__,
        closure=type("T", (tuple,), {})(my_closure))
attempt("no free vars", (lambda: 0).__code__, {}, closure=my_closure)
attempt("no free vars, None", (lambda: 0).__code__, {}, closure=None)
attempt("source text", "x = 1", {}, closure=my_closure)
attempt("source text, None", "x = 1", {}, closure=None)
attempt("bad globals first", three.__code__, 5, closure=None)
attempt("positional", three.__code__, {}, {}, my_closure)
exec(three.__code__, closure=three.__closure__)
print(result)


def outer():
    x = "outer x"

    def show():
        print("show", x, __name__)
    return show


exec(outer().__code__, {"__name__": "fresh"}, closure=(types.CellType("cell x"),))
try:
    exec(outer().__code__, {"__name__": "fresh"}, closure=(types.CellType(),))
except NameError as e:
    print("NameError", e)
