# exec() runs its code as a frame of the calling interpreter loop: results, namespaces,
# tracebacks, frames and recursion as CPython's exec().
import sys
import traceback

g = {}
print(exec("x = 1\ny = x + 1", g), sorted(k for k in g if k != "__builtins__"), g["y"])
code = compile("z = 5\n", "<cmod>", "exec")
loc = {}
print(exec(code, g, loc), loc, "z" in g)
print(exec(compile("a = 3", "<s>", "exec")), a)


def f():
    v = 10
    d = {"v": 20}
    exec("w = v * 2", d)
    return d["w"], v


print(f())


def lam():
    return 42


print(exec(lam.__code__))
try:
    exec("1/0", {})
except ZeroDivisionError:
    tb = traceback.format_exc().splitlines()
    print([line.strip() for line in tb if line.strip().startswith("File")][-2:])
    print(tb[-1])
try:
    exec("def h():\n    raise KeyError('k')\nh()", {"__name__": "m"})
except KeyError as e:
    print("KeyError", e, len(traceback.extract_tb(e.__traceback__)))
frames = {}
exec("import sys\nfr = sys._getframe()\nback = fr.f_back.f_code.co_name", frames)
print(frames["fr"].f_code.co_name, frames["back"])


def depth():
    n = 0
    fr = sys._getframe()
    while fr:
        n += 1
        fr = fr.f_back
    return n


base = depth()
ns = {"depth": depth}
exec("r = depth()", ns)
print(ns["r"] - base)
ns = {"depth": depth}
exec("exec('r = depth()', globals())", ns)
print(ns["r"] - base)
for bad in [(1,), ("x", 5), ("x", {}, 5)]:
    try:
        exec(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    exec("x = ", {})
except SyntaxError as e:
    print("SyntaxError", e.msg)
gen_code = (lambda: (yield 1)).__code__
print(exec(gen_code))
cnt = {"n": 0}
for i in range(3):
    exec("n += 1", cnt)
print(cnt["n"])
class C:
    exec("q = 7")
print(C.q)
print(exec("pass", None, None))
