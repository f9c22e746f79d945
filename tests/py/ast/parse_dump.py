# ast.parse + ast.dump(include_attributes=True): every statement and expression kind, with
# CPython's positions (UTF-8 byte columns), in the exec, eval and single modes.
import ast

SOURCES = [
    "x = 1\ny: int = 2\nz += 3\ndel x, y\n",
    "def f(a, /, b: int = 1, *args, c, d=2, **kw) -> None:\n    'doc'\n    return a\n",
    "async def g():\n    async for i in y:\n        await i\n    async with a as b, c:\n        pass\n",
    "@dec\n@dec2(1)\nclass C(B, metaclass=M):\n    x = 1\n    def m(self): ...\n",
    "for i, j in z:\n    break\nelse:\n    continue\nwhile x:\n    pass\nelse:\n    y\n",
    "if a:\n    b\nelif c:\n    d\nelse:\n    e\n",
    "with open(f) as g, h:\n    pass\n",
    "try:\n    a\nexcept E as e:\n    b\nexcept:\n    c\nelse:\n    d\nfinally:\n    e\n",
    "try:\n    a\nexcept* (E, F) as g:\n    b\n",
    "raise X from Y\nassert x, 'msg'\nimport a.b as c, d\nfrom ..m import (x as y, z)\nfrom . import *\n",
    "def f():\n    global a\n    nonlocal_ = 1\n    def g():\n        nonlocal nonlocal_\n",
    "a and b or not c\n(x := 5)\nlambda x, *y, **z: x + y\na if b else c\n",
    "{1: 2, **d}\n{1, 2}\n[x for x in y if x]\n{x for x in y}\n{k: v for k, v in d.items()}\n(x for x in y)\n",
    "def gen():\n    yield\n    yield x\n    yield from y\n",
    "a < b <= c != d is e is not f in g not in h\n",
    "f(a, *b, c=d, **e)\nx.y.z\nx[1:2:3]\nx[1, 2]\nx[::]\n[*a, *b]\n(a, b)\n-x\n+x\n~x\n",
    "f'a{b}c{d!r:>{w}} {e=}'\nf'{x:{y}.{z}}'\nu'unicode'\nb'bytes' b'more'\n'implicit' 'concat'\n",
    "1 + 2 - 3 * 4 / 5 // 6 % 7 ** 8 @ m << 1 >> 2 | 3 ^ 4 & 5\n",
    "0x1F + 0o17 + 0b101 + 1_000 + 1.5e10 + 3j + 10**100 + ...\nNone, True, False\n",
    "match p:\n    case 1 | 2:\n        pass\n    case [a, *rest]:\n        pass\n"
    "    case {'k': v, **kw}:\n        pass\n    case Point(x=0, y=_) if x:\n        pass\n"
    "    case str() as s:\n        pass\n    case None:\n        pass\n    case -1 | 1+2j:\n        pass\n"
    "    case _:\n        pass\n",
    "s = 'héllo wörld'; t = 'ä' + x\n# comment\n\n",
    "x = (\n    1,\n    2,\n)\n",
]

for src in SOURCES:
    print(ast.dump(ast.parse(src), include_attributes=True))
    print(ast.dump(ast.parse(src), indent=2)[:200])

print(ast.dump(ast.parse("x + 1", mode="eval"), include_attributes=True))
print(ast.dump(ast.parse("x = 1; y", mode="single"), include_attributes=True))
print(ast.dump(compile("a.b", "<s>", "eval", ast.PyCF_ONLY_AST)))
t = ast.parse("x")
print(compile(t, "<s>", "exec", ast.PyCF_ONLY_AST) is t)

# Field-less nodes are shared, as CPython's parser returns them.
t = ast.parse("a = b + c + d")
print(t.body[0].value.left.op is t.body[0].value.op)
print(t.body[0].value.right.ctx is t.body[0].value.left.left.ctx)

# Every field is set, None included.
print(sorted(ast.parse("return").body[0].__dict__))
print(sorted(ast.parse("def f(): pass").body[0].__dict__))
print(ast.parse("from . import x").body[0].module, ast.parse("import a").body[0].names[0].asname)

for bad in ["x = (", "def f(:\n", "a b", "  x\n"]:
    try:
        ast.parse(bad, filename="<bad>")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset, e.filename)

# The parser alone: errors the compiler reports later are not raised by ast.parse.
print(ast.dump(ast.parse("return 1")))
print(ast.dump(ast.parse("def f():\n    nonlocal x\n")))
