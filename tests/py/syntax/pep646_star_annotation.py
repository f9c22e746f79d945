# PEP 646: `*args: *Ts` stores the single item that unpacking the annotation yields.
class Ts:
    def __iter__(self):
        yield "unpacked Ts"

def f(*args: *Ts()):
    pass
print(f.__annotations__)

def g(a: int, *args: *tuple[int, ...], b, **kw: str) -> None:
    pass
print(g.__annotations__)

def h(*args: *[[1, 2]][0][1:]):
    pass
print(h.__annotations__)

class C:
    def m(self, *__private: *Ts()):
        pass
print(C.m.__annotations__)

for seq in [[], [1, 2]]:
    try:
        def k(*args: *seq):
            pass
    except ValueError as e:
        print("ValueError", e)

# With postponed evaluation the annotation is the source text, star included.
ns = {}
exec("from __future__ import annotations\n"
     "def f(*args: *Ts, **kw: int) -> tuple[*Ts]: pass\n"
     "x: tuple[int, *Ts]\n", ns)
print(ns["f"].__annotations__, ns["__annotations__"])

cases = [
    "def f(x: *T): pass",
    "def f(**kw: *T): pass",
    "def f(*, x: *T): pass",
    "def f(*args: *Ts = 1): pass",
    "def f(*args: *Ts=1, b): pass",
    "def f(*args: *Ts b): pass",
    "def f(*args: *): pass",
    "def f(*args: **Ts): pass",
    "def f(*args: *a or b): pass",
    "def f(*args: *Ts | int): pass",
    "def f(*args: *Ts, b, **k): pass",
    "def f(*args: *Ts,): pass",
    "def f(*args = 1): pass",
    "def f(*args: int = 1): pass",
    "def f() -> *T: pass",
    "def f() -> *T, int: pass",
    "def f() -> : pass",
    "def f() -> **T: pass",
    "def f() -> yield: pass",
    "x: *a = 1",
    "lambda *a: *b",
]
for code in cases:
    try:
        compile(code, "<s>", "exec")
        print(repr(code), "ok")
    except SyntaxError as e:
        print(repr(code), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
