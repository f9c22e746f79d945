# A function made from a module's code object (not CO_OPTIMIZED) runs with its globals as its
# locals, so the code's LOAD_NAME / STORE_NAME reach the globals.
from types import FunctionType

co = compile("b = a + 1\nc = [b * 2 for _ in range(1)][0]\nprint(sorted(k for k in dir() if len(k) == 1))", "<m>", "exec")
g = {"a": 1}
print(FunctionType(co, g)())
print(g["b"], g["c"])


def f():
    x = 1
    return locals()


print(FunctionType(f.__code__, {})())
