// SyntaxWarnings of the compiler, as CPython 3.11 issues them: "is" with a literal, calling
// or subscripting a literal ("perhaps you missed a comma?"), asserting a non-empty tuple.
// They are collected in the Compiler and issued by compile_source() (compile.cpp).
#include "compiler/codegen.h"
#include "objects/type_object.h"

namespace pystm::compiler {

using namespace ast;
using namespace vm;

// ---- SyntaxWarnings -------------------------------------------------------------------------

void Compiler::warn(std::string msg)
{
    if (!m_warnings)
        return;
    Position p = u()->pos;
    m_warnings->push_back({ std::move(msg), Loc { p.line, p.col, p.end_line, p.end_col } });
}

namespace {
    // The type name of a literal expression's value (CPython's infer_type), or null if unknown.
    char const* literal_type_name(Compiler& c, Expr* e)
    {
        switch (e->kind) {
        case ExprKind::Tuple:
            return "tuple";
        case ExprKind::List:
        case ExprKind::ListComp:
            return "list";
        case ExprKind::Dict:
        case ExprKind::DictComp:
            return "dict";
        case ExprKind::Set:
        case ExprKind::SetComp:
            return "set";
        case ExprKind::GeneratorExp:
            return "generator";
        case ExprKind::Lambda:
            return "function";
        case ExprKind::JoinedStr:
        case ExprKind::FormattedValue:
            return "str";
        case ExprKind::Constant: {
            using K = ConstantValue::Kind;
            switch (static_cast<ConstantExpr*>(e)->value.kind) {
            case K::None:
                return "NoneType";
            case K::True:
            case K::False:
                return "bool";
            case K::Ellipsis:
                return "ellipsis";
            case K::Int:
                return "int";
            case K::Float:
                return "float";
            case K::Complex:
                return "complex";
            case K::Str:
                return "str";
            case K::Bytes:
                return "bytes";
            }
            return nullptr;
        }
        default: {
            // Folded constants (-1, (1, 2)) count as literals too.
            Value v;
            if (e->kind != ExprKind::Name && c.fold_constant(e, &v))
                return type_of(v)->m_tp_name ? type_of(v)->m_tp_name : nullptr;
            return nullptr;
        }
        }
    }

    // An operand of "is" that is fine: not a literal, or a named singleton.
    bool is_arg_ok(Compiler& c, Expr* e)
    {
        Value v;
        if (e->kind == ExprKind::Name || !c.fold_constant(e, &v))
            return true;
        return v == none() || v == py_bool(true) || v == py_bool(false) || v == Value(g_ellipsis);
    }
} // namespace

void Compiler::check_compare(CompareExpr* e)
{
    bool left = is_arg_ok(*this, e->left);
    for (size_t i = 0; i < e->ops.size(); ++i) {
        bool right = is_arg_ok(*this, e->comparators[i]);
        CmpOpKind op = e->ops[i];
        if ((op == CmpOpKind::Is || op == CmpOpKind::IsNot) && (!left || !right)) {
            warn(op == CmpOpKind::Is ? "\"is\" with a literal. Did you mean \"==\"?"
                                     : "\"is not\" with a literal. Did you mean \"!=\"?");
            return;
        }
        left = right;
    }
}

void Compiler::check_caller(Expr* func)
{
    switch (func->kind) {
    case ExprKind::Constant:
    case ExprKind::Tuple:
    case ExprKind::List:
    case ExprKind::ListComp:
    case ExprKind::Dict:
    case ExprKind::DictComp:
    case ExprKind::Set:
    case ExprKind::SetComp:
    case ExprKind::GeneratorExp:
    case ExprKind::JoinedStr:
    case ExprKind::FormattedValue:
        if (char const* t = literal_type_name(*this, func))
            warn(std::string("'") + t + "' object is not callable; perhaps you missed a comma?");
        return;
    default:
        return;
    }
}

void Compiler::check_subscript(SubscriptExpr* e)
{
    Expr* v = e->value;
    bool subscripter_warn = false;
    switch (v->kind) {
    case ExprKind::Constant: {
        using K = ConstantValue::Kind;
        auto k = static_cast<ConstantExpr*>(v)->value.kind;
        subscripter_warn = k == K::None || k == K::Ellipsis || k == K::Int || k == K::Float
            || k == K::Complex || k == K::True || k == K::False;
        break;
    }
    case ExprKind::Set:
    case ExprKind::SetComp:
    case ExprKind::GeneratorExp:
    case ExprKind::Lambda:
        subscripter_warn = true;
        break;
    default:
        break;
    }
    if (subscripter_warn) {
        warn(std::string("'") + literal_type_name(*this, v)
            + "' object is not subscriptable; perhaps you missed a comma?");
        return;
    }
    // A literal sequence indexed by a literal that is not an int.
    char const* index_type = e->slice->kind == ExprKind::Slice || e->slice->kind == ExprKind::Name
        ? nullptr
        : literal_type_name(*this, e->slice);
    if (!index_type || std::string(index_type) == "int" || std::string(index_type) == "bool")
        return;
    bool seq = false;
    switch (v->kind) {
    case ExprKind::Constant: {
        auto k = static_cast<ConstantExpr*>(v)->value.kind;
        seq = k == ConstantValue::Kind::Str || k == ConstantValue::Kind::Bytes;
        break;
    }
    case ExprKind::Tuple:
    case ExprKind::List:
    case ExprKind::ListComp:
    case ExprKind::JoinedStr:
    case ExprKind::FormattedValue:
        seq = true;
        break;
    default:
        break;
    }
    if (seq)
        warn(std::string(literal_type_name(*this, v)) + " indices must be integers or slices, not "
            + index_type + "; perhaps you missed a comma?");
}

} // namespace pystm::compiler
