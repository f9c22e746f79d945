# ast.unparse round trips: unparse(parse(s)) reparses to the same tree.
import ast

SOURCES = [
    "x = 1 + 2 * 3",
    "def f(a, /, b=1, *c, d, e=2, **f) -> int:\n    return a",
    "async def g():\n    async with a as b:\n        await c",
    "class C(B, metaclass=M):\n    '''doc'''\n    x: int = 1",
    "for i in range(10):\n    if i % 2:\n        continue\n    else:\n        break",
    "try:\n    pass\nexcept (A, B) as e:\n    raise X from e\nfinally:\n    pass",
    "print(f'{x!r:>{width}} and {y=}')",
    "lambda x, y=2, *a, **k: (x, y)",
    "a if b else c",
    "[x for x in y if x for z in x]",
    "{k: v for k, v in d}",
    "match x:\n    case [1, *r]:\n        pass\n    case {'a': b, **rest}:\n        pass\n    case C(1, y=2) | D():\n        pass",
    "x = (yield)",
    "del a[1:2], b.c",
    "global g\nnonlocal_ = -x ** 2",
    "with a, b as c:\n    pass",
    "import a.b as c\nfrom .. import d",
    "x = 1e300 * 1e300\ny = 1j\nz = 'a\\nb'",
    "(a := 10)",
    "assert x, 'message'",
]

for src in SOURCES:
    tree = ast.parse(src)
    text = ast.unparse(tree)
    print(text)
    print(ast.dump(ast.parse(text)) == ast.dump(tree))
