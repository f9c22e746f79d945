# compile() of malformed trees: CPython's TypeError / ValueError messages.
import ast


def attempt(label, tree, mode="exec"):
    try:
        compile(tree, "<v>", mode)
        print(label, "compiled")
    except (TypeError, ValueError, SyntaxError) as e:
        # Messages naming a node carry its address: keep the part before it.
        print(label, type(e).__name__, str(e).split(" at 0x")[0])


def mod(*stmts):
    return ast.fix_missing_locations(ast.Module(body=list(stmts), type_ignores=[]))


def name(id, ctx=None):
    return ast.Name(id=id, ctx=ctx or ast.Load())


attempt("no type_ignores", ast.Module(body=[]))
attempt("body not list", ast.Module(body=5, type_ignores=[]))
attempt("wrong root", ast.Expression(body=ast.Constant(1)))
attempt("wrong root eval", ast.Module(body=[], type_ignores=[]), "eval")
attempt("not a node", ast.Module(body=[5], type_ignores=[]))
attempt("no lineno", ast.Module(body=[ast.Pass()], type_ignores=[]))
attempt("expr in body", mod(ast.Expr(value=ast.Pass(lineno=1, col_offset=0))))
attempt("missing value", mod(ast.Expr()))
attempt("None value", mod(ast.Expr(value=None)))
attempt("Load target", mod(ast.Assign(targets=[name("x")], value=ast.Constant(1))))
attempt("Store value", mod(ast.Expr(value=name("x", ast.Store()))))
attempt("assign to call", mod(ast.Assign(targets=[ast.Call(func=name("f"), args=[], keywords=[])],
                                          value=ast.Constant(1))))
attempt("empty targets", mod(ast.Assign(targets=[], value=ast.Constant(1))))
attempt("empty body", mod(ast.If(test=name("x"), body=[], orelse=[])))
attempt("empty func body", mod(ast.FunctionDef(name="f", args=ast.arguments(
    posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[],
    decorator_list=[])))
attempt("None name", mod(ast.Expr(value=ast.Name(id="None", ctx=ast.Load()))))
attempt("id not str", mod(ast.Expr(value=ast.Name(id=5, ctx=ast.Load()))))
attempt("bad ctx", mod(ast.Expr(value=ast.Name(id="x", ctx=ast.Add()))))
attempt("bad op", mod(ast.Expr(value=ast.BinOp(left=ast.Constant(1), op=ast.Load(),
                                                right=ast.Constant(2)))))
attempt("bad constant", mod(ast.Expr(value=ast.Constant(value=[1]))))
attempt("compare", mod(ast.Expr(value=ast.Compare(left=name("a"), ops=[ast.Lt()],
                                                   comparators=[]))))
attempt("compare count", mod(ast.Expr(value=ast.Compare(left=name("a"), ops=[ast.Lt(), ast.Gt()],
                                                         comparators=[name("b")]))))
attempt("boolop", mod(ast.Expr(value=ast.BoolOp(op=ast.And(), values=[name("a")]))))
attempt("dict", mod(ast.Expr(value=ast.Dict(keys=[ast.Constant(1)], values=[]))))
attempt("none in list", mod(ast.Expr(value=ast.List(elts=[None], ctx=ast.Load()))))
attempt("none stmt", ast.Module(body=[None], type_ignores=[]))
attempt("raise cause", mod(ast.Raise(exc=None, cause=name("x"))))
attempt("try", mod(ast.Try(body=[ast.Pass()], handlers=[], orelse=[], finalbody=[])))
attempt("try orelse", mod(ast.Try(body=[ast.Pass()], handlers=[], orelse=[ast.Pass()],
                                  finalbody=[ast.Pass()])))
attempt("import", mod(ast.Import(names=[])))
attempt("level", mod(ast.ImportFrom(module="m", names=[ast.alias(name="x")], level=-1)))
attempt("int field", mod(ast.ImportFrom(module="m", names=[ast.alias(name="x")], level="1")))
attempt("annassign", mod(ast.AnnAssign(target=ast.Attribute(value=name("a"), attr="b",
                                                             ctx=ast.Store()),
                                       annotation=name("int"), simple=1)))
attempt("comprehension", mod(ast.Expr(value=ast.ListComp(elt=name("x"), generators=[]))))
attempt("kw_defaults", mod(ast.Expr(value=ast.Lambda(args=ast.arguments(
    posonlyargs=[], args=[], kwonlyargs=[ast.arg(arg="k")], kw_defaults=[], defaults=[]),
    body=ast.Constant(1)))))
attempt("defaults", mod(ast.Expr(value=ast.Lambda(args=ast.arguments(
    posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[ast.Constant(1)]),
    body=ast.Constant(1)))))
attempt("match or", mod(ast.Match(subject=name("x"), cases=[ast.match_case(
    pattern=ast.MatchOr(patterns=[ast.MatchAs(name="a")]), body=[ast.Pass()])])))
attempt("match star", mod(ast.Match(subject=name("x"), cases=[ast.match_case(
    pattern=ast.MatchStar(name="a"), body=[ast.Pass()])])))
attempt("match singleton", mod(ast.Match(subject=name("x"), cases=[ast.match_case(
    pattern=ast.MatchSingleton(value=5), body=[ast.Pass()])])))
attempt("match capture _", mod(ast.Match(subject=name("x"), cases=[ast.match_case(
    pattern=ast.MatchAs(pattern=None, name="_"), body=[ast.Pass()])])))
attempt("symtable error", mod(ast.Return(value=None)))
attempt("fine", mod(ast.Expr(value=ast.Constant(1))))
attempt("source", "x = (")
attempt("not ast", 42)
