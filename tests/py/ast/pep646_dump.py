# PEP 646 forms in the ast: starred subscript items and a starred *args annotation.
import ast

for src in ["x[*a]", "x[1, *a]", "x[*a, *b]", "x[*a,]", "x[a:b, *c]", "x[*a] = 1", "del x[*a]",
            "x[*a if b else c]", "def f(*args: *Ts): pass", "def f(*args: *tuple[int, ...]) -> None: pass"]:
    tree = ast.parse(src)
    print(ast.dump(tree, include_attributes=True))
    print(ast.unparse(tree))
    compile(tree, "<ast>", "exec")

# A tree built by hand compiles the same way.
t = ast.parse("def f(*args: *Ts): pass\nr = f.__annotations__")
ns = {"Ts": [42]}
exec(compile(t, "<ast>", "exec"), ns)
print(ns["r"])
