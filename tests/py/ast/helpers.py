# The helpers of ast.py over parsed trees: walk, iter_fields, iter_child_nodes, get_docstring,
# increment_lineno, copy_location, fix_missing_locations, NodeVisitor, get_source_segment, dump.
import ast

src = '''"""Module doc."""
import os

def f(a, b=1):
    """Function doc.

    More.
    """
    return a + b  # sum

class C:
    "Class doc."
    x = [1, 2, 3]
'''
tree = ast.parse(src)
print(ast.get_docstring(tree))
print(ast.get_docstring(tree.body[2]))
print(ast.get_docstring(tree.body[2], clean=False))
print(ast.get_docstring(tree.body[3]))
print(sorted({type(n).__name__ for n in ast.walk(tree)}))
print([(k, type(v).__name__) for k, v in ast.iter_fields(tree.body[2])])
print([type(n).__name__ for n in ast.iter_child_nodes(tree.body[2])])
print(ast.get_source_segment(src, tree.body[2].body[1]))
print(ast.get_source_segment(src, tree.body[2].body[1].value, padded=True))

ast.increment_lineno(tree, 10)
print(tree.body[0].lineno, tree.body[2].body[1].lineno, tree.body[2].body[1].end_lineno)

new = ast.Expr(value=ast.Constant(1))
ast.copy_location(new, tree.body[1])
print(new.lineno, new.col_offset, new.end_lineno, new.end_col_offset)
new.value = ast.Name(id="z", ctx=ast.Load())
ast.fix_missing_locations(new)
print(new.value.lineno, new.value.col_offset)


class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []

    def visit_Name(self, node):
        self.names.append(node.id)
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        self.names.append("def " + node.name)
        self.generic_visit(node)


c = Counter()
c.visit(ast.parse("def g(x):\n    return h(x, y)\nz = g"))
print(c.names)
print(ast.dump(ast.parse("x = 1"), annotate_fields=False))
print(ast.dump(ast.parse("if x:\n    y()"), indent=4))
