import os, sys as s
from . import x
from ..a.b import (c as d, e,)
x = 1
a, b = c, *d = f(1, *g, k=2, **h)
x += 1
y: int = 3
(z): list[int]
def f(a, /, b: int = 2, *args, c, d=4, **kw) -> None:
    """doc"""
    return a + b * c ** -d
class C(B, metaclass=M):
    @dec
    @dec2(1)
    async def g(self):
        await x
        async for i in y:
            pass
        async with a as b, c:
            yield
        return
lambda x, *y, **z: (x, y)
print(f"a{x!r:>{w}} b" "c", 'it''s', b'\x00\xff', 1_000, 0x1F, 1.5e3, 2j, ...)
if a: pass
elif b:
    c
else:
    d
while x:
    break
else:
    continue
for i, (j, k) in enumerate(z): pass
try:
    pass
except (A, B) as e:
    raise X from e
except C:
    raise
else:
    pass
finally:
    del a[0], b.c, (d, e)
with (open(x) as f, open(y) as g):
    pass
global q
assert x, "msg"
[x for x in y if x if not x]
{k: v for k, v in d.items()}
{x async for x in y}
(x for x in y)
a[1:2, ::3, ...]
a if b else c
x = yield from y
not a and b or c
a < b <= c != d is not e in f not in g
-x + ~y
match command.split():
    case [action]:
        pass
    case [action, obj, *rest] if obj:
        pass
    case Point(x=0, y=0) | {"a": 1, **rest}:
        pass
    case (1 | -2 | 3+4j) as z:
        pass
    case _:
        pass
