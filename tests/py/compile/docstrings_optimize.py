# Docstrings at optimization level 2 (-OO, compile(optimize=2)): only the string literal that is
# the first statement of a module, class or function body is a docstring, and it is dropped;
# other strings, f-strings, bytes and folded expressions never were docstrings.
import ast

CASES = {
    "plain": '"""doc"""\nx = 1',
    "concatenated": '"a" "b"\nx = 1',
    "parenthesized": '("doc")\nx = 1',
    "second string": 'x = 1\n"not doc"',
    "fstring": 'f"doc{1}"\nx = 1',
    "bytes": 'b"doc"\nx = 1',
    "folded": '"a" + "b"\nx = 1',
    "only": '"only"',
    "two strings": '"first"\n"second"',
}


def module_doc(src, level):
    ns = {}
    exec(compile(src, "<m>", "exec", optimize=level), ns)
    return ns.get("__doc__", "missing")


def function_doc(src, level):
    body = "\n".join("    " + line for line in src.splitlines())
    ns = {}
    exec(compile("def f():\n" + body + "\n", "<f>", "exec", optimize=level), ns)
    f = ns["f"]
    return f.__doc__, f()


def class_doc(src, level):
    body = "\n".join("    " + line for line in src.splitlines())
    ns = {}
    exec(compile("class C:\n" + body + "\n", "<c>", "exec", optimize=level), ns)
    C = ns["C"]
    return C.__doc__, C.__dict__.get("__doc__", "missing")


for name, src in CASES.items():
    for level in (0, 1, 2):
        print(name, level, repr(module_doc(src, level)), function_doc(src, level),
              class_doc(src, level))

# The code object of a function: its first constant is the docstring, or None.
src = '''
def f():
    "doc"
    return 1
def g():
    return "no doc"
async def a():
    """async doc"""
    await x
def gen():
    "gen doc"
    yield 1
lam = lambda: "lambda"
class K:
    "K doc"
    def m(self):
        "m doc"
        return self
class E:
    "E doc"
    __doc__ = "explicit"
'''
for level in (0, 2):
    for tree in (src, ast.parse(src)):
        ns = {}
        exec(compile(tree, "<s>", "exec", optimize=level), ns)
        print(level, ns["f"].__code__.co_consts, ns["g"].__code__.co_consts,
              ns["a"].__doc__, ns["gen"].__doc__, ns["gen"].__code__.co_consts,
              ns["lam"].__doc__, ns["K"].__doc__, ns["K"].m.__doc__,
              ns["E"].__doc__)
