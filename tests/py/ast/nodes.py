# The node classes: hierarchy, _fields, _attributes, __match_args__, __doc__, class defaults,
# constructors and their errors, __dict__, pickling and copying.
import ast
import copy
import pickle

for cls in [ast.AST, ast.mod, ast.Module, ast.stmt, ast.FunctionDef, ast.expr, ast.Name,
            ast.Constant, ast.Load, ast.operator, ast.Add, ast.arguments, ast.arg, ast.keyword,
            ast.alias, ast.withitem, ast.match_case, ast.pattern, ast.MatchAs, ast.TypeIgnore,
            ast.excepthandler, ast.ExceptHandler, ast.comprehension, ast.FunctionType]:
    print(cls.__name__, cls.__module__, cls.__bases__[0].__name__, cls._fields,
          cls._attributes, cls.__match_args__, repr(cls.__doc__))
    print("  ", sorted(k for k, v in vars(cls).items() if v is None and k != "__doc__"))

print(ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
import _ast
print(sorted(n for n in dir(_ast) if not n.startswith("_"))[:20], len([n for n in dir(_ast) if not n.startswith("_")]))
print(issubclass(ast.BinOp, ast.expr), isinstance(ast.Add(), ast.operator), ast.Num is not None)

n = ast.Name("x", ast.Load())
print(n.id, type(n.ctx).__name__, n.__dict__.keys())
n = ast.Name(id="y", extra=5)
print(n.id, n.extra, sorted(n.__dict__))
print(ast.Name().__dict__, ast.arg().annotation, ast.Constant(1).kind, ast.stmt().end_lineno)
for make in [lambda: ast.Name("x", ast.Load(), 3), lambda: ast.Name("x", id="y"),
             lambda: ast.AST(1), lambda: ast.Load(1), lambda: ast.Name().id,
             lambda: ast.BinOp(1, 2, 3, 4)]:
    try:
        make()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)

# Custom subclasses keep the base behaviour.
class MyName(ast.Name):
    _fields = ("id", "ctx", "note")

m = MyName("a", ast.Load(), "n")
print(m.note, isinstance(m, ast.expr))

# match on nodes uses __match_args__.
match ast.parse("a + 1").body[0].value:
    case ast.BinOp(ast.Name(id), ast.Add(), ast.Constant(v)):
        print("matched", id, v)

tree = ast.parse("def f(x):\n    return [x, 1.5, 'a', None]\n")
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    again = pickle.loads(pickle.dumps(tree, proto))
    print(proto, ast.dump(again, include_attributes=True) == ast.dump(tree, include_attributes=True))
print(ast.Name("x").__reduce__())
print(ast.dump(copy.deepcopy(tree)) == ast.dump(tree), ast.dump(copy.copy(tree.body[0])))
c = copy.copy(tree.body[0])
print(c is not tree.body[0], c.body is tree.body[0].body)
