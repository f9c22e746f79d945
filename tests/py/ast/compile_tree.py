# compile() of AST objects: hand-built trees, trees changed by a NodeTransformer, the three
# modes, and fix_missing_locations.
import ast

tree = ast.Module(
    body=[
        ast.Assign(targets=[ast.Name(id="x", ctx=ast.Store())], value=ast.Constant(value=41)),
        ast.AugAssign(target=ast.Name(id="x", ctx=ast.Store()), op=ast.Add(), value=ast.Constant(1)),
        ast.Expr(value=ast.Call(func=ast.Name(id="print", ctx=ast.Load()),
                                args=[ast.Name(id="x", ctx=ast.Load()), ast.Constant("done")],
                                keywords=[ast.keyword(arg="sep", value=ast.Constant(": "))])),
    ],
    type_ignores=[],
)
ast.fix_missing_locations(tree)
exec(compile(tree, "<hand>", "exec"))
print(tree.body[0].lineno, tree.body[0].col_offset, tree.body[0].end_lineno)

expr = ast.Expression(body=ast.BinOp(left=ast.Constant(6), op=ast.Mult(), right=ast.Constant(7)))
print(eval(compile(ast.fix_missing_locations(expr), "<e>", "eval")))

inter = ast.parse("1 + 1", mode="single")
exec(compile(inter, "<i>", "single"))


class Double(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int):
            return ast.copy_location(ast.Constant(node.value * 2), node)
        return node

    def visit_Name(self, node):
        if node.id == "old":
            return ast.copy_location(ast.Name(id="new", ctx=node.ctx), node)
        return node


src = """
def f(a, b=3):
    return a * b + 1

new = 5
print(f(old), [i for i in range(4)], {'k': 1})
"""
tree = Double().visit(ast.parse(src))
exec(compile(tree, "<transformed>", "exec"))


class RemovePass(ast.NodeTransformer):
    def visit_Pass(self, node):
        return None


tree = RemovePass().visit(ast.parse("if x:\n    pass\n    y = 1\nprint('ok')"))
print(ast.unparse(tree))

# Functions, classes, closures, generators and match compiled from a tree.
src = """
class C:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f'C({self.v!r})'

def outer():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc

def gen(k):
    yield from range(k)

def m(p):
    match p:
        case [1, *rest]:
            return rest
        case {'a': v}:
            return v
        case C(v=v):
            return ('C', v)
        case _:
            return None

inc = outer(); inc()
print(C(3), inc(), list(gen(3)), m([1, 2]), m({'a': 9}), m(C(4)), m(0))
try:
    1 / 0
except ZeroDivisionError as e:
    print('caught', e)
"""
exec(compile(ast.parse(src), "<roundtrip>", "exec"), {})

# Constants a tree may hold that source cannot spell directly.
t = ast.Expression(body=ast.Constant(value=(1, 2, ("a", None))))
print(eval(compile(ast.fix_missing_locations(t), "<c>", "eval")))
t = ast.Expression(body=ast.Constant(value=complex(1, 2)))
print(eval(compile(ast.fix_missing_locations(t), "<c>", "eval")))
t = ast.Expression(body=ast.Constant(value=2**100))
print(eval(compile(ast.fix_missing_locations(t), "<c>", "eval")))

# The code object carries the tree's positions and filename.
code = compile(ast.parse("x = 1\n\ny = 2"), "tree.py", "exec")
print(code.co_filename, code.co_firstlineno)
co = compile(ast.parse("1/0"), "boom.py", "exec")
try:
    exec(co)
except ZeroDivisionError as e:
    print(e.__traceback__.tb_next.tb_lineno, e.__traceback__.tb_next.tb_frame.f_code.co_filename)
