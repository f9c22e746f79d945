# compile(flags=PyCF_ALLOW_TOP_LEVEL_AWAIT): await, async for, async with and asynchronous
# comprehensions at module level make the code a coroutine, run by eval() or a function.
import ast
from types import FunctionType

CO_COROUTINE = 0x80


class Sleep:
    def __init__(self, value):
        self.value = value

    def __await__(self):
        yield "tick"
        return self.value


class Lock:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


async def arange(n):
    for i in range(n):
        yield i


def run(coro):
    steps = 0
    try:
        while True:
            coro.send(None)
            steps += 1
    except StopIteration as e:
        return steps, e.value


samples = [
    "a = await Sleep(1)",
    "async for i in arange(1):\n    a = 1",
    "async with Lock() as l:\n    a = 1",
    "a = [x async for x in arange(2)][1]",
    "a = {x: 1 async for x in arange(1)}[0]",
    "a, = [1 for x in {x async for x in arange(1)}]",
    "a = [await Sleep(x) async for x in arange(2)][1]",
    "g = (x async for x in arange(2)); a = 1",
    "a = 1",
]
for mode in ("exec", "single"):
    for src in samples:
        try:
            compile(src, "?", mode)
            print("compiles without the flag")
        except SyntaxError as e:
            print("SyntaxError:", e.msg)
        co = compile(src, "?", mode, flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        is_coro = bool(co.co_flags & CO_COROUTINE)
        g = {"Sleep": Sleep, "Lock": Lock, "arange": arange}
        r = eval(co, g)
        print(mode, repr(src), is_coro, run(r) if is_coro else r, g["a"])
        g = {"Sleep": Sleep, "Lock": Lock, "arange": arange}
        r = FunctionType(co, g)()
        print("  as a function:", run(r) if is_coro else r, g["a"])

tree = ast.parse("a = await Sleep(3)")
co = compile(tree, "?", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
g = {"Sleep": Sleep}
print(run(eval(co, g)), g["a"])

for src in ["def f():  await Sleep(1)\n", "def f():  [x async for x in arange(10)]\n",
            "lambda: await x\n", "class C:\n  await x\n", "def f():\n  async for i in arange(1): pass\n"]:
    try:
        compile(src, "?", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
