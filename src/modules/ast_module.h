// The _ast module's node classes as seen from C++, and the two conversions between the
// compiler's tree (compiler/ast.h) and Python AST objects that compile() and ast.parse() use.
//
// The classes themselves are built by modules/ast_module.cpp from CPython 3.11's Python.asdl;
// the C++ side reaches them through ast_class(), an index filled once when _ast is first
// imported (ast_classes_ready() imports it on demand). As in CPython, the converters use these
// classes, not whatever the module's attributes were later rebound to.
#pragma once

#include "compiler/ast.h"
#include "compiler/parser.h"
#include "objects/object.h"

namespace pystm {

// Every class of _ast that the converters create or recognise, in one list so that the enum and
// the name table cannot drift apart. ("operator_" is the class "operator", a C++ keyword.)
#define PYSTM_AST_CLASSES(X)                                                                       \
    X(AST) X(mod) X(Module) X(Interactive) X(Expression) X(FunctionType)                            \
    X(stmt) X(FunctionDef) X(AsyncFunctionDef) X(ClassDef) X(Return) X(Delete) X(Assign)             \
    X(AugAssign) X(AnnAssign) X(For) X(AsyncFor) X(While) X(If) X(With) X(AsyncWith) X(Match)        \
    X(Raise) X(Try) X(TryStar) X(Assert) X(Import) X(ImportFrom) X(Global) X(Nonlocal) X(Expr)        \
    X(Pass) X(Break) X(Continue)                                                                   \
    X(expr) X(BoolOp) X(NamedExpr) X(BinOp) X(UnaryOp) X(Lambda) X(IfExp) X(Dict) X(Set)             \
    X(ListComp) X(SetComp) X(DictComp) X(GeneratorExp) X(Await) X(Yield) X(YieldFrom) X(Compare)     \
    X(Call) X(FormattedValue) X(JoinedStr) X(Constant) X(Attribute) X(Subscript) X(Starred)          \
    X(Name) X(List) X(Tuple) X(Slice)                                                              \
    X(expr_context) X(Load) X(Store) X(Del)                                                        \
    X(boolop) X(And) X(Or)                                                                         \
    X(operator_) X(Add) X(Sub) X(Mult) X(MatMult) X(Div) X(Mod) X(Pow) X(LShift) X(RShift)            \
    X(BitOr) X(BitXor) X(BitAnd) X(FloorDiv)                                                       \
    X(unaryop) X(Invert) X(Not) X(UAdd) X(USub)                                                    \
    X(cmpop) X(Eq) X(NotEq) X(Lt) X(LtE) X(Gt) X(GtE) X(Is) X(IsNot) X(In) X(NotIn)                  \
    X(comprehension) X(excepthandler) X(ExceptHandler) X(arguments) X(arg) X(keyword) X(alias)       \
    X(withitem) X(match_case)                                                                      \
    X(pattern) X(MatchValue) X(MatchSingleton) X(MatchSequence) X(MatchMapping) X(MatchClass)        \
    X(MatchStar) X(MatchAs) X(MatchOr)                                                             \
    X(type_ignore) X(TypeIgnore)

enum class AstClass : uint16_t {
#define PYSTM_AST_ENUM(n) n,
    PYSTM_AST_CLASSES(PYSTM_AST_ENUM)
#undef PYSTM_AST_ENUM
        Count
};

// Imports _ast if it is not loaded yet (it may raise, like any import).
void ast_classes_ready();
// The class [c] (after ast_classes_ready()).
Type* ast_class(AstClass c);
char const* ast_class_name(AstClass c);
// The shared instance of a field-less class (Load, Add, Eq, ...), as CPython's parser returns:
// every Load of a parsed tree is the same object.
Value ast_singleton(AstClass c);
// isinstance(v, _ast.AST), without importing _ast (false when it is not loaded).
bool is_ast_object(Value v);

// The Python tree of [mod] (an ast.Module, ast.Expression or ast.Interactive), with CPython's
// positions. Runs no Python code.
Value ast_to_python(ast::Mod const* mod);

// The compiler's tree for the Python tree [obj], allocated in [arena], after CPython's checks:
// TypeError / ValueError with CPython's messages for a malformed tree (a node of the wrong
// kind, a missing field, an expression in the wrong context, ...). [mode] is what compile() was
// asked for: the root must then be a Module, an Expression or an Interactive.
ast::Mod* ast_from_python(ast::Arena& arena, Value obj, compiler::ParseMode mode);

// CPython's checks of a tree's meaning (Python/ast.c) on a tree built by ast_from_python:
// ValueError "expression must have Store context but has Load instead", "empty body on If", ...
void ast_validate(ast::Mod const* mod);

} // namespace pystm
