// The _ast module: CPython 3.11's AST node classes, which ast.py (CPython's own, read from the
// standard library) re-exports and extends.
//
// The classes are built at import by a short Python program (below) from the text of
// Python.asdl, so that every class has CPython's __doc__, _fields, __match_args__, _attributes
// and None class attributes for its optional fields, and AST.__init__ / __reduce__ behave as
// CPython's: positional and keyword arguments set fields, with CPython's TypeError messages, and
// nodes pickle as (cls, (), __dict__). Node classes report __module__ == "ast".
//
// For C++ the module keeps an index of its classes (ast_class) and one shared instance of each
// field-less class (Load, Add, ...), both set once at import and GC roots. Import is made
// irreversible first: a C++ global is not rolled back by an abort.
#include "modules/ast_module.h"
#include "builtins/builtins.h"
#include "compiler/compiler.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/str_object.h"
#include "objects/type_object.h"
#include "vm/import.h"
#include "vm/interpreter.h"
#include "vm/transaction.h"

namespace pystm {

namespace {

char const* const s_class_names[] = {
#define PYSTM_AST_NAME(n) #n,
    PYSTM_AST_CLASSES(PYSTM_AST_NAME)
#undef PYSTM_AST_NAME
};

constexpr size_t k_class_count = size_t(AstClass::Count);
Value s_classes[k_class_count];
Value s_singletons[k_class_count];
bool s_ready = false;

// The classes, from Python.asdl. A line "name" or "name @" starts a sum type whose constructors
// follow, indented; "name(fields)" is a product type. " @" marks nodes with locations (lineno,
// col_offset and optional end_lineno, end_col_offset), " @!" nodes whose end is required.
char const* const s_source = R"PY(class AST:
    __module__ = "ast"
    _fields = ()
    _attributes = ()
    __match_args__ = ()

    def __init__(self, *args, **kwargs):
        fields = type(self)._fields
        n = len(fields)
        if len(args) > n:
            raise TypeError("%s constructor takes at most %d positional argument%s"
                            % (type(self).__name__, n, "" if n == 1 else "s"))
        for name, value in zip(fields, args):
            setattr(self, name, value)
        for key, value in kwargs.items():
            if key in fields and fields.index(key) < len(args):
                raise TypeError("%s got multiple values for argument '%s'"
                                % (type(self).__name__, key))
            setattr(self, key, value)

    def __reduce__(self):
        return type(self), (), self.__dict__


PyCF_ONLY_AST = 0x400
PyCF_TYPE_COMMENTS = 0x1000
PyCF_ALLOW_TOP_LEVEL_AWAIT = 0x2000


def _build(spec):
    ns = globals()
    locs = ("lineno", "col_offset", "end_lineno", "end_col_offset")

    def parse(sig):
        name, _, rest = sig.partition("(")
        fields, optional = [], []
        for decl in rest.rstrip(")").split(", ") if rest else ():
            kind, field = decl.split(" ")
            fields.append(field)
            if kind.endswith("?"):
                optional.append(field)
        return name, tuple(fields), tuple(optional)

    def make(name, base, fields, doc, attributes, nones):
        d = {"_fields": fields, "__match_args__": fields, "__module__": "ast", "__doc__": doc}
        if attributes is not None:
            d["_attributes"] = attributes
        for field in nones:
            d[field] = None
        ns[name] = cls = type(name, (base,), d)
        return cls

    groups = []
    for line in spec.strip().split("\n"):
        if line.startswith(" "):
            groups[-1][1].append(line.strip())
        else:
            groups.append((line, []))
    for head, ctors in groups:
        # " @": the node has locations, the end optional; " @!": all four required.
        located = head.endswith((" @", " @!"))
        optional_locs = locs[2:] if head.endswith(" @") else ()
        head = head.removesuffix(" @").removesuffix(" @!")
        attributes = locs if located else ()
        if ctors:
            sep = "\n" + " " * (len(head) + 1) + "| " if any("(" in c for c in ctors) else " | "
            base = make(head, AST, (), head + " = " + sep.join(ctors), attributes, optional_locs)
            for sig in ctors:
                name, fields, optional = parse(sig)
                make(name, base, fields, sig, None, optional)
        else:
            name, fields, optional = parse(head)
            make(name, AST, fields, head, attributes, optional + optional_locs)


_build("""
mod
    Module(stmt* body, type_ignore* type_ignores)
    Interactive(stmt* body)
    Expression(expr body)
    FunctionType(expr* argtypes, expr returns)
stmt @
    FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment)
    AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment)
    ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list)
    Return(expr? value)
    Delete(expr* targets)
    Assign(expr* targets, expr value, string? type_comment)
    AugAssign(expr target, operator op, expr value)
    AnnAssign(expr target, expr annotation, expr? value, int simple)
    For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)
    AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)
    While(expr test, stmt* body, stmt* orelse)
    If(expr test, stmt* body, stmt* orelse)
    With(withitem* items, stmt* body, string? type_comment)
    AsyncWith(withitem* items, stmt* body, string? type_comment)
    Match(expr subject, match_case* cases)
    Raise(expr? exc, expr? cause)
    Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)
    TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)
    Assert(expr test, expr? msg)
    Import(alias* names)
    ImportFrom(identifier? module, alias* names, int? level)
    Global(identifier* names)
    Nonlocal(identifier* names)
    Expr(expr value)
    Pass
    Break
    Continue
expr @
    BoolOp(boolop op, expr* values)
    NamedExpr(expr target, expr value)
    BinOp(expr left, operator op, expr right)
    UnaryOp(unaryop op, expr operand)
    Lambda(arguments args, expr body)
    IfExp(expr test, expr body, expr orelse)
    Dict(expr* keys, expr* values)
    Set(expr* elts)
    ListComp(expr elt, comprehension* generators)
    SetComp(expr elt, comprehension* generators)
    DictComp(expr key, expr value, comprehension* generators)
    GeneratorExp(expr elt, comprehension* generators)
    Await(expr value)
    Yield(expr? value)
    YieldFrom(expr value)
    Compare(expr left, cmpop* ops, expr* comparators)
    Call(expr func, expr* args, keyword* keywords)
    FormattedValue(expr value, int conversion, expr? format_spec)
    JoinedStr(expr* values)
    Constant(constant value, string? kind)
    Attribute(expr value, identifier attr, expr_context ctx)
    Subscript(expr value, expr slice, expr_context ctx)
    Starred(expr value, expr_context ctx)
    Name(identifier id, expr_context ctx)
    List(expr* elts, expr_context ctx)
    Tuple(expr* elts, expr_context ctx)
    Slice(expr? lower, expr? upper, expr? step)
expr_context
    Load
    Store
    Del
boolop
    And
    Or
operator
    Add
    Sub
    Mult
    MatMult
    Div
    Mod
    Pow
    LShift
    RShift
    BitOr
    BitXor
    BitAnd
    FloorDiv
unaryop
    Invert
    Not
    UAdd
    USub
cmpop
    Eq
    NotEq
    Lt
    LtE
    Gt
    GtE
    Is
    IsNot
    In
    NotIn
comprehension(expr target, expr iter, expr* ifs, int is_async)
excepthandler @
    ExceptHandler(expr? type, identifier? name, stmt* body)
arguments(arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr* kw_defaults, arg? kwarg, expr* defaults)
arg(identifier arg, expr? annotation, string? type_comment) @
keyword(identifier? arg, expr value) @
alias(identifier name, identifier? asname) @
withitem(expr context_expr, expr? optional_vars)
match_case(pattern pattern, expr? guard, stmt* body)
pattern @!
    MatchValue(expr value)
    MatchSingleton(constant value)
    MatchSequence(pattern* patterns)
    MatchMapping(expr* keys, pattern* patterns, identifier? rest)
    MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)
    MatchStar(identifier? name)
    MatchAs(pattern? pattern, identifier? name)
    MatchOr(pattern* patterns)
type_ignore
    TypeIgnore(int lineno, string tag)
""")
del _build
)PY";

bool is_singleton_class(AstClass c)
{
    switch (c) {
    case AstClass::Load: case AstClass::Store: case AstClass::Del:
    case AstClass::And: case AstClass::Or:
    case AstClass::Add: case AstClass::Sub: case AstClass::Mult: case AstClass::MatMult:
    case AstClass::Div: case AstClass::Mod: case AstClass::Pow: case AstClass::LShift:
    case AstClass::RShift: case AstClass::BitOr: case AstClass::BitXor: case AstClass::BitAnd:
    case AstClass::FloorDiv:
    case AstClass::Invert: case AstClass::Not: case AstClass::UAdd: case AstClass::USub:
    case AstClass::Eq: case AstClass::NotEq: case AstClass::Lt: case AstClass::LtE:
    case AstClass::Gt: case AstClass::GtE: case AstClass::Is: case AstClass::IsNot:
    case AstClass::In: case AstClass::NotIn:
        return true;
    default:
        return false;
    }
}

} // namespace

ModuleObject* init_ast_module()
{
    vm::transaction_irreversible();
    ModuleObject* m = module_new("_ast");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__builtins__, Value(builtins_module()->m_dict));
    CodeObject* code = compiler::compile_source(s_source, "<frozen _ast>", compiler::ParseMode::Exec);
    vm::eval_code(code, d, Value());
    if (!s_ready) {
        for (size_t i = 0; i < k_class_count; i++) {
            std::string name = s_class_names[i];
            if (name.back() == '_')
                name.pop_back();
            s_classes[i] = dict_get_cstr(d, name.c_str());
            gc::add_root(&s_classes[i]);
            if (is_singleton_class(AstClass(i))) {
                s_singletons[i] = Value(object_alloc(s_classes[i].as<Type>()));
                gc::add_root(&s_singletons[i]);
            }
        }
        s_ready = true;
    }
    return m;
}

void ast_classes_ready()
{
    if (!s_ready)
        import_module("_ast");
}

Type* ast_class(AstClass c) { return s_classes[size_t(c)].as<Type>(); }

char const* ast_class_name(AstClass c) { return s_class_names[size_t(c)]; }

Value ast_singleton(AstClass c) { return s_singletons[size_t(c)]; }

bool is_ast_object(Value v)
{
    return s_ready && v.is_object() && v.as_object()->m_type->is_subtype(ast_class(AstClass::AST));
}

} // namespace pystm
