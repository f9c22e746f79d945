# Type comments are not kept: ast.parse(type_comments=True) parses the source and leaves
# type_comment None, and func_type mode needs PyCF_ONLY_AST.
import ast

tree = ast.parse("x = []  # a comment\n", type_comments=False)
print(tree.body[0].type_comment, tree.type_ignores)
try:
    compile("(int) -> str", "<f>", "func_type")
except ValueError as e:
    print("ValueError", e)
try:
    compile("x", "<f>", "bogus", ast.PyCF_ONLY_AST)
except ValueError as e:
    print("ValueError", e)
try:
    compile("x", "<f>", "bogus")
except ValueError as e:
    print("ValueError", e)
