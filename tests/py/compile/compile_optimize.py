# compile(optimize=N): -1 (the interpreter's level), 0, 1 and 2, for source text and for AST
# objects; __debug__, asserts, `if __debug__:` blocks and docstrings at each level; the
# checking of the argument.
import ast
import sys
import warnings

SRC = '''\
"""module doc"""
def f():
    """doc"""
    debug_enabled = False
    if __debug__:
        debug_enabled = True
    try:
        assert False
    except AssertionError:
        return (True, f.__doc__, debug_enabled, __debug__)
    else:
        return (False, f.__doc__, debug_enabled, __debug__)
class C:
    "class doc"
    def m(self):
        "method doc"
    async def am(self):
        """async doc"""
    class Inner:
        """inner doc"""
    x = "not a doc"
ran = []
while __debug__:
    ran.append("while")
    break
if not __debug__:
    ran.append("not debug")
ran.append(__debug__ and "and")
folded = (not __debug__, __debug__ + 1, (__debug__, 1))
lam = lambda: "lambda is no doc"
'''

print(sys.flags.optimize, __debug__)
for optval in (-1, 0, 1, 2, True, False):
    for kind in ("source", "ast"):
        tree = SRC if kind == "source" else ast.parse(SRC)
        code = compile(tree, "<test>", "exec", optimize=optval)
        ns = {}
        exec(code, ns)
        C = ns["C"]
        print(optval, kind, ns["f"](), ns.get("__doc__", "-"), C.__doc__, C.m.__doc__, C.am.__doc__,
              C.Inner.__doc__, C.x, ns["ran"], ns["folded"], ns["lam"].__doc__)

# eval mode and keyword use.
for optval in (-1, 0, 1, 2):
    print(eval(compile("__debug__", "<e>", "eval", optimize=optval)),
          eval(compile(source="not __debug__", filename="<e>", mode="eval", optimize=optval)))

# Functions nested in a function and in a comprehension are compiled at the same level.
nested = '''
def outer():
    "outer doc"
    def inner():
        "inner doc"
        assert 0, "inner"
        return __debug__
    return inner
results = [outer().__doc__, outer()().__doc__ if False else outer().__doc__]
'''
for optval in (0, 1, 2):
    ns = {}
    exec(compile(nested, "<n>", "exec", optimize=optval), ns)
    try:
        r = ns["outer"]()()
    except AssertionError as e:
        r = ("raised", str(e))
    print(optval, ns["outer"].__doc__, ns["outer"]().__doc__, r, ns["results"])

# Invalid values: checked before the mode and the source.
for bad in (-2, 3, 10**30, -10**30, 1.5, "1", None, 2**31, -2**31):
    try:
        compile("1", "<b>", "eval", optimize=bad)
        print(repr(bad), "accepted")
    except Exception as e:
        print(repr(bad), type(e).__name__, e)
for args in (("1", "<b>", "bad"), (1, "<b>", "eval"), ("1", "<b>", "eval", 1 << 20)):
    try:
        compile(*args, optimize=5)
    except Exception as e:
        print(type(e).__name__, e)

# PyCF_ONLY_AST returns the tree as parsed, whatever the level.
tree = compile("assert x\n'doc'", "<a>", "exec", ast.PyCF_ONLY_AST, optimize=2)
print(ast.dump(tree))
tree = compile(ast.parse("assert x"), "<a>", "exec", ast.PyCF_ONLY_AST, optimize=2)
print(ast.dump(tree))

# The parentheses warning of an assert stays under -O; warnings of the dropped test do not.
for optval in (0, 1):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        compile("assert (x, 'msg')\nassert x is 1\n", "<w>", "exec", optimize=optval)
    print(optval, [str(x.message) for x in w])

# __debug__ is still not assignable.
for src in ("__debug__ = 1", "def f(__debug__): pass", "del __debug__"):
    try:
        compile(src, "<d>", "exec", optimize=2)
    except SyntaxError as e:
        print(e.msg)
