// The compiler's tree (ast.h) as Python objects of the _ast classes: what
// compile(..., PyCF_ONLY_AST) and ast.parse() return.
//
// As CPython's ast2obj, every field is set on every node, None included (an absent optional
// field, an empty optional identifier), fields first in Python.asdl's order and then the
// location attributes; field-less nodes (Load, Add, Eq, ...) are the module's shared instances.
// Nodes are allocated directly (no __init__ runs), so the conversion runs no Python code.
#include "base/common.h"
#include "modules/ast_module.h"
#include "objects/api.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/type_internal.h"
#include "objects/type_object.h"

namespace pystm {

namespace {

using namespace ast;
using C = AstClass;

// An interned attribute name, looked up once per call site (interned strings are immortal).
#define FIELD(lit) ([]() { static StrObject* const s = intern(lit); return s; }())

class ToPython {
public:
    Value mod(Mod const* m)
    {
        switch (m->kind) {
        case ModKind::Module: {
            Node n(C::Module);
            n.set(FIELD("body"), stmts(m->body));
            n.set(FIELD("type_ignores"), Value(list_new()));
            return n.value();
        }
        case ModKind::Interactive: {
            Node n(C::Interactive);
            n.set(FIELD("body"), stmts(m->body));
            return n.value();
        }
        case ModKind::Expression: {
            Node n(C::Expression);
            n.set(FIELD("body"), expr(m->expr));
            return n.value();
        }
        }
        return none();
    }

private:
    // A node under construction: its object and its instance __dict__.
    struct Node {
        Object* obj;
        DictObject* dict;
        explicit Node(C c)
            : obj(object_alloc(ast_class(c)))
            , dict(instance_dict(Value(obj), true))
        {
        }
        void set(StrObject* name, Value v) { dict_set_str(dict, name, v); }
        void loc(Loc const& l)
        {
            set(FIELD("lineno"), int_from_i64(l.line));
            set(FIELD("col_offset"), int_from_i64(l.col));
            set(FIELD("end_lineno"), int_from_i64(l.end_line));
            set(FIELD("end_col_offset"), int_from_i64(l.end_col));
        }
        Value value() const { return Value(obj); }
    };

    static Value str(std::string const& s) { return Value(str_from_utf8(s)); }
    static Value ident(std::string const& s) { return Value(intern(s)); }
    static Value opt_ident(std::string const& s) { return s.empty() ? none() : ident(s); }
    static Value integer(int64_t i) { return int_from_i64(i); }

    template <class T, class F> Value list(std::vector<T> const& items, F each)
    {
        ListObject* l = list_new(int64_t(items.size()));
        for (T const& item : items)
            list_append(l, each(item));
        return Value(l);
    }
    Value stmts(StmtList const& body)
    {
        return list(body, [&](Stmt* s) { return stmt(s); });
    }
    Value exprs(ExprList const& items)
    {
        return list(items, [&](Expr* e) { return opt_expr(e); });
    }
    Value opt_expr(Expr const* e) { return e ? expr(e) : none(); }
    Value names(std::vector<std::string> const& items)
    {
        return list(items, [&](std::string const& s) { return ident(s); });
    }

    static Value ctx(ExprContext c)
    {
        switch (c) {
        case ExprContext::Load: return ast_singleton(C::Load);
        case ExprContext::Store: return ast_singleton(C::Store);
        case ExprContext::Del: return ast_singleton(C::Del);
        }
        return none();
    }
    static Value boolop(BoolOpKind k) { return ast_singleton(k == BoolOpKind::And ? C::And : C::Or); }
    static Value binop(OperatorKind k)
    {
        static C const map[] = { C::Add, C::Sub, C::Mult, C::MatMult, C::Div, C::Mod, C::Pow,
            C::LShift, C::RShift, C::BitOr, C::BitXor, C::BitAnd, C::FloorDiv };
        return ast_singleton(map[size_t(k)]);
    }
    static Value unaryop(UnaryOpKind k)
    {
        static C const map[] = { C::Invert, C::Not, C::UAdd, C::USub };
        return ast_singleton(map[size_t(k)]);
    }
    static Value cmpop(CmpOpKind k)
    {
        static C const map[] = { C::Eq, C::NotEq, C::Lt, C::LtE, C::Gt, C::GtE, C::Is, C::IsNot,
            C::In, C::NotIn };
        return ast_singleton(map[size_t(k)]);
    }

    static Value constant(ConstantValue const& cv)
    {
        using K = ConstantValue::Kind;
        switch (cv.kind) {
        case K::None: return none();
        case K::True: return py_bool(true);
        case K::False: return py_bool(false);
        case K::Ellipsis: return Value(g_ellipsis);
        case K::Int: return int_from_string(cv.text, 0);
        case K::Float: return float_new(cv.number);
        case K::Complex: return complex_new(0.0, cv.number);
        case K::Str: return Value(str_from_utf8(cv.text));
        case K::Bytes: return Value(bytes_new(cv.text));
        }
        return none();
    }

    Value keyword(Keyword const* k)
    {
        Node n(C::keyword);
        n.set(FIELD("arg"), opt_ident(k->arg));
        n.set(FIELD("value"), expr(k->value));
        n.loc(k->loc);
        return n.value();
    }
    Value keywords(std::vector<Keyword*> const& ks)
    {
        return list(ks, [&](Keyword* k) { return keyword(k); });
    }
    Value comprehensions(std::vector<Comprehension*> const& gens)
    {
        return list(gens, [&](Comprehension* c) {
            Node n(C::comprehension);
            n.set(FIELD("target"), expr(c->target));
            n.set(FIELD("iter"), expr(c->iter));
            n.set(FIELD("ifs"), exprs(c->ifs));
            n.set(FIELD("is_async"), integer(c->is_async ? 1 : 0));
            return n.value();
        });
    }
    Value arg(Arg const* a)
    {
        if (!a)
            return none();
        Node n(C::arg);
        n.set(FIELD("arg"), ident(a->arg));
        n.set(FIELD("annotation"), opt_expr(a->annotation));
        n.set(FIELD("type_comment"), none());
        n.loc(a->loc);
        return n.value();
    }
    Value args(std::vector<Arg*> const& as)
    {
        return list(as, [&](Arg* a) { return arg(a); });
    }
    Value arguments(Arguments const* a)
    {
        Node n(C::arguments);
        n.set(FIELD("posonlyargs"), args(a->posonlyargs));
        n.set(FIELD("args"), args(a->args));
        n.set(FIELD("vararg"), arg(a->vararg));
        n.set(FIELD("kwonlyargs"), args(a->kwonlyargs));
        n.set(FIELD("kw_defaults"), exprs(a->kw_defaults));
        n.set(FIELD("kwarg"), arg(a->kwarg));
        n.set(FIELD("defaults"), exprs(a->defaults));
        return n.value();
    }

    Value expr(Expr const* e);
    Value stmt(Stmt const* s);
    Value pattern(Pattern const* p);
    Value patterns(PatternList const& ps)
    {
        return list(ps, [&](Pattern* p) { return pattern(p); });
    }
};

Value ToPython::expr(Expr const* e)
{
    switch (e->kind) {
    case ExprKind::BoolOp: {
        auto* x = static_cast<BoolOpExpr const*>(e);
        Node n(C::BoolOp);
        n.set(FIELD("op"), boolop(x->op));
        n.set(FIELD("values"), exprs(x->values));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::NamedExpr: {
        auto* x = static_cast<NamedExprExpr const*>(e);
        Node n(C::NamedExpr);
        n.set(FIELD("target"), expr(x->target));
        n.set(FIELD("value"), expr(x->value));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::BinOp: {
        auto* x = static_cast<BinOpExpr const*>(e);
        Node n(C::BinOp);
        n.set(FIELD("left"), expr(x->left));
        n.set(FIELD("op"), binop(x->op));
        n.set(FIELD("right"), expr(x->right));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::UnaryOp: {
        auto* x = static_cast<UnaryOpExpr const*>(e);
        Node n(C::UnaryOp);
        n.set(FIELD("op"), unaryop(x->op));
        n.set(FIELD("operand"), expr(x->operand));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Lambda: {
        auto* x = static_cast<LambdaExpr const*>(e);
        Node n(C::Lambda);
        n.set(FIELD("args"), arguments(x->args));
        n.set(FIELD("body"), expr(x->body));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::IfExp: {
        auto* x = static_cast<IfExpExpr const*>(e);
        Node n(C::IfExp);
        n.set(FIELD("test"), expr(x->test));
        n.set(FIELD("body"), expr(x->body));
        n.set(FIELD("orelse"), expr(x->orelse));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Dict: {
        auto* x = static_cast<DictExpr const*>(e);
        Node n(C::Dict);
        n.set(FIELD("keys"), exprs(x->keys));
        n.set(FIELD("values"), exprs(x->values));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Set: {
        auto* x = static_cast<SetExpr const*>(e);
        Node n(C::Set);
        n.set(FIELD("elts"), exprs(x->elts));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::GeneratorExp: {
        Expr const* elt;
        std::vector<Comprehension*> const* gens;
        C c;
        if (e->kind == ExprKind::ListComp) {
            auto* x = static_cast<ListCompExpr const*>(e);
            elt = x->elt, gens = &x->generators, c = C::ListComp;
        } else if (e->kind == ExprKind::SetComp) {
            auto* x = static_cast<SetCompExpr const*>(e);
            elt = x->elt, gens = &x->generators, c = C::SetComp;
        } else {
            auto* x = static_cast<GeneratorExpExpr const*>(e);
            elt = x->elt, gens = &x->generators, c = C::GeneratorExp;
        }
        Node n(c);
        n.set(FIELD("elt"), expr(elt));
        n.set(FIELD("generators"), comprehensions(*gens));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::DictComp: {
        auto* x = static_cast<DictCompExpr const*>(e);
        Node n(C::DictComp);
        n.set(FIELD("key"), expr(x->key));
        n.set(FIELD("value"), expr(x->value));
        n.set(FIELD("generators"), comprehensions(x->generators));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Await: {
        Node n(C::Await);
        n.set(FIELD("value"), expr(static_cast<AwaitExpr const*>(e)->value));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Yield: {
        Node n(C::Yield);
        n.set(FIELD("value"), opt_expr(static_cast<YieldExpr const*>(e)->value));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::YieldFrom: {
        Node n(C::YieldFrom);
        n.set(FIELD("value"), expr(static_cast<YieldFromExpr const*>(e)->value));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Compare: {
        auto* x = static_cast<CompareExpr const*>(e);
        Node n(C::Compare);
        n.set(FIELD("left"), expr(x->left));
        n.set(FIELD("ops"), list(x->ops, [](CmpOpKind k) { return cmpop(k); }));
        n.set(FIELD("comparators"), exprs(x->comparators));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Call: {
        auto* x = static_cast<CallExpr const*>(e);
        Node n(C::Call);
        n.set(FIELD("func"), expr(x->func));
        n.set(FIELD("args"), exprs(x->args));
        n.set(FIELD("keywords"), keywords(x->keywords));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::FormattedValue: {
        auto* x = static_cast<FormattedValueExpr const*>(e);
        Node n(C::FormattedValue);
        n.set(FIELD("value"), expr(x->value));
        n.set(FIELD("conversion"), integer(x->conversion));
        n.set(FIELD("format_spec"), opt_expr(x->format_spec));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::JoinedStr: {
        Node n(C::JoinedStr);
        n.set(FIELD("values"), exprs(static_cast<JoinedStrExpr const*>(e)->values));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Constant: {
        auto* x = static_cast<ConstantExpr const*>(e);
        Node n(C::Constant);
        n.set(FIELD("value"), constant(x->value));
        n.set(FIELD("kind"), x->kind_u ? Value(intern("u")) : none());
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Attribute: {
        auto* x = static_cast<AttributeExpr const*>(e);
        Node n(C::Attribute);
        n.set(FIELD("value"), expr(x->value));
        n.set(FIELD("attr"), ident(x->attr));
        n.set(FIELD("ctx"), ctx(x->ctx));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Subscript: {
        auto* x = static_cast<SubscriptExpr const*>(e);
        Node n(C::Subscript);
        n.set(FIELD("value"), expr(x->value));
        n.set(FIELD("slice"), expr(x->slice));
        n.set(FIELD("ctx"), ctx(x->ctx));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Starred: {
        auto* x = static_cast<StarredExpr const*>(e);
        Node n(C::Starred);
        n.set(FIELD("value"), expr(x->value));
        n.set(FIELD("ctx"), ctx(x->ctx));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Name: {
        auto* x = static_cast<NameExpr const*>(e);
        Node n(C::Name);
        n.set(FIELD("id"), ident(x->id));
        n.set(FIELD("ctx"), ctx(x->ctx));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::List: {
        auto* x = static_cast<ListExpr const*>(e);
        Node n(C::List);
        n.set(FIELD("elts"), exprs(x->elts));
        n.set(FIELD("ctx"), ctx(x->ctx));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Tuple: {
        auto* x = static_cast<TupleExpr const*>(e);
        Node n(C::Tuple);
        n.set(FIELD("elts"), exprs(x->elts));
        n.set(FIELD("ctx"), ctx(x->ctx));
        n.loc(e->loc);
        return n.value();
    }
    case ExprKind::Slice: {
        auto* x = static_cast<SliceExpr const*>(e);
        Node n(C::Slice);
        n.set(FIELD("lower"), opt_expr(x->lower));
        n.set(FIELD("upper"), opt_expr(x->upper));
        n.set(FIELD("step"), opt_expr(x->step));
        n.loc(e->loc);
        return n.value();
    }
    }
    return none();
}

Value ToPython::pattern(Pattern const* p)
{
    Value v;
    switch (p->kind) {
    case PatternKind::MatchValue: {
        Node n(C::MatchValue);
        n.set(FIELD("value"), expr(static_cast<MatchValuePattern const*>(p)->value));
        n.loc(p->loc);
        return n.value();
    }
    case PatternKind::MatchSingleton: {
        Node n(C::MatchSingleton);
        n.set(FIELD("value"), constant(static_cast<MatchSingletonPattern const*>(p)->value));
        n.loc(p->loc);
        return n.value();
    }
    case PatternKind::MatchSequence: {
        Node n(C::MatchSequence);
        n.set(FIELD("patterns"), patterns(static_cast<MatchSequencePattern const*>(p)->patterns));
        n.loc(p->loc);
        return n.value();
    }
    case PatternKind::MatchMapping: {
        auto* x = static_cast<MatchMappingPattern const*>(p);
        Node n(C::MatchMapping);
        n.set(FIELD("keys"), exprs(x->keys));
        n.set(FIELD("patterns"), patterns(x->patterns));
        n.set(FIELD("rest"), opt_ident(x->rest));
        n.loc(p->loc);
        return n.value();
    }
    case PatternKind::MatchClass: {
        auto* x = static_cast<MatchClassPattern const*>(p);
        Node n(C::MatchClass);
        n.set(FIELD("cls"), expr(x->cls));
        n.set(FIELD("patterns"), patterns(x->patterns));
        n.set(FIELD("kwd_attrs"), names(x->kwd_attrs));
        n.set(FIELD("kwd_patterns"), patterns(x->kwd_patterns));
        n.loc(p->loc);
        return n.value();
    }
    case PatternKind::MatchStar: {
        Node n(C::MatchStar);
        n.set(FIELD("name"), opt_ident(static_cast<MatchStarPattern const*>(p)->name));
        n.loc(p->loc);
        return n.value();
    }
    case PatternKind::MatchAs: {
        auto* x = static_cast<MatchAsPattern const*>(p);
        Node n(C::MatchAs);
        n.set(FIELD("pattern"), x->pattern ? pattern(x->pattern) : none());
        n.set(FIELD("name"), opt_ident(x->name));
        n.loc(p->loc);
        return n.value();
    }
    case PatternKind::MatchOr: {
        Node n(C::MatchOr);
        n.set(FIELD("patterns"), patterns(static_cast<MatchOrPattern const*>(p)->patterns));
        n.loc(p->loc);
        return n.value();
    }
    }
    return v;
}

Value ToPython::stmt(Stmt const* s)
{
    switch (s->kind) {
    case StmtKind::FunctionDef:
    case StmtKind::AsyncFunctionDef: {
        auto* x = static_cast<FunctionDefStmt const*>(s);
        Node n(s->kind == StmtKind::FunctionDef ? C::FunctionDef : C::AsyncFunctionDef);
        n.set(FIELD("name"), ident(x->name));
        n.set(FIELD("args"), arguments(x->args));
        n.set(FIELD("body"), stmts(x->body));
        n.set(FIELD("decorator_list"), exprs(x->decorator_list));
        n.set(FIELD("returns"), opt_expr(x->returns));
        n.set(FIELD("type_comment"), none());
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::ClassDef: {
        auto* x = static_cast<ClassDefStmt const*>(s);
        Node n(C::ClassDef);
        n.set(FIELD("name"), ident(x->name));
        n.set(FIELD("bases"), exprs(x->bases));
        n.set(FIELD("keywords"), keywords(x->keywords));
        n.set(FIELD("body"), stmts(x->body));
        n.set(FIELD("decorator_list"), exprs(x->decorator_list));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::Return: {
        Node n(C::Return);
        n.set(FIELD("value"), opt_expr(static_cast<ReturnStmt const*>(s)->value));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::Delete: {
        Node n(C::Delete);
        n.set(FIELD("targets"), exprs(static_cast<DeleteStmt const*>(s)->targets));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::Assign: {
        auto* x = static_cast<AssignStmt const*>(s);
        Node n(C::Assign);
        n.set(FIELD("targets"), exprs(x->targets));
        n.set(FIELD("value"), expr(x->value));
        n.set(FIELD("type_comment"), none());
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::AugAssign: {
        auto* x = static_cast<AugAssignStmt const*>(s);
        Node n(C::AugAssign);
        n.set(FIELD("target"), expr(x->target));
        n.set(FIELD("op"), binop(x->op));
        n.set(FIELD("value"), expr(x->value));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::AnnAssign: {
        auto* x = static_cast<AnnAssignStmt const*>(s);
        Node n(C::AnnAssign);
        n.set(FIELD("target"), expr(x->target));
        n.set(FIELD("annotation"), expr(x->annotation));
        n.set(FIELD("value"), opt_expr(x->value));
        n.set(FIELD("simple"), integer(x->simple ? 1 : 0));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::For:
    case StmtKind::AsyncFor: {
        auto* x = static_cast<ForStmt const*>(s);
        Node n(s->kind == StmtKind::For ? C::For : C::AsyncFor);
        n.set(FIELD("target"), expr(x->target));
        n.set(FIELD("iter"), expr(x->iter));
        n.set(FIELD("body"), stmts(x->body));
        n.set(FIELD("orelse"), stmts(x->orelse));
        n.set(FIELD("type_comment"), none());
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::While:
    case StmtKind::If: {
        Expr const* test;
        StmtList const *body, *orelse;
        if (s->kind == StmtKind::While) {
            auto* x = static_cast<WhileStmt const*>(s);
            test = x->test, body = &x->body, orelse = &x->orelse;
        } else {
            auto* x = static_cast<IfStmt const*>(s);
            test = x->test, body = &x->body, orelse = &x->orelse;
        }
        Node n(s->kind == StmtKind::While ? C::While : C::If);
        n.set(FIELD("test"), expr(test));
        n.set(FIELD("body"), stmts(*body));
        n.set(FIELD("orelse"), stmts(*orelse));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::With:
    case StmtKind::AsyncWith: {
        auto* x = static_cast<WithStmt const*>(s);
        Node n(s->kind == StmtKind::With ? C::With : C::AsyncWith);
        n.set(FIELD("items"), list(x->items, [&](WithItem* w) {
            Node item(C::withitem);
            item.set(FIELD("context_expr"), expr(w->context_expr));
            item.set(FIELD("optional_vars"), opt_expr(w->optional_vars));
            return item.value();
        }));
        n.set(FIELD("body"), stmts(x->body));
        n.set(FIELD("type_comment"), none());
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::Match: {
        auto* x = static_cast<MatchStmt const*>(s);
        Node n(C::Match);
        n.set(FIELD("subject"), expr(x->subject));
        n.set(FIELD("cases"), list(x->cases, [&](MatchCase* mc) {
            Node c(C::match_case);
            c.set(FIELD("pattern"), pattern(mc->pattern));
            c.set(FIELD("guard"), opt_expr(mc->guard));
            c.set(FIELD("body"), stmts(mc->body));
            return c.value();
        }));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::Raise: {
        auto* x = static_cast<RaiseStmt const*>(s);
        Node n(C::Raise);
        n.set(FIELD("exc"), opt_expr(x->exc));
        n.set(FIELD("cause"), opt_expr(x->cause));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::Try:
    case StmtKind::TryStar: {
        auto* x = static_cast<TryStmt const*>(s);
        Node n(s->kind == StmtKind::Try ? C::Try : C::TryStar);
        n.set(FIELD("body"), stmts(x->body));
        n.set(FIELD("handlers"), list(x->handlers, [&](ExceptHandler* h) {
            Node hn(C::ExceptHandler);
            hn.set(FIELD("type"), opt_expr(h->type));
            hn.set(FIELD("name"), opt_ident(h->name));
            hn.set(FIELD("body"), stmts(h->body));
            hn.loc(h->loc);
            return hn.value();
        }));
        n.set(FIELD("orelse"), stmts(x->orelse));
        n.set(FIELD("finalbody"), stmts(x->finalbody));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::Assert: {
        auto* x = static_cast<AssertStmt const*>(s);
        Node n(C::Assert);
        n.set(FIELD("test"), expr(x->test));
        n.set(FIELD("msg"), opt_expr(x->msg));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::Import:
    case StmtKind::ImportFrom: {
        bool from = s->kind == StmtKind::ImportFrom;
        auto const& aliases = from ? static_cast<ImportFromStmt const*>(s)->names
                                   : static_cast<ImportStmt const*>(s)->names;
        Node n(from ? C::ImportFrom : C::Import);
        if (from)
            n.set(FIELD("module"), opt_ident(static_cast<ImportFromStmt const*>(s)->module));
        n.set(FIELD("names"), list(aliases, [&](Alias* a) {
            Node an(C::alias);
            an.set(FIELD("name"), ident(a->name));
            an.set(FIELD("asname"), opt_ident(a->asname));
            an.loc(a->loc);
            return an.value();
        }));
        if (from)
            n.set(FIELD("level"), integer(static_cast<ImportFromStmt const*>(s)->level));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::Global: {
        Node n(C::Global);
        n.set(FIELD("names"), names(static_cast<GlobalStmt const*>(s)->names));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::Nonlocal: {
        Node n(C::Nonlocal);
        n.set(FIELD("names"), names(static_cast<NonlocalStmt const*>(s)->names));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::Expr: {
        Node n(C::Expr);
        n.set(FIELD("value"), expr(static_cast<ExprStmt const*>(s)->value));
        n.loc(s->loc);
        return n.value();
    }
    case StmtKind::Pass:
    case StmtKind::Break:
    case StmtKind::Continue: {
        Node n(s->kind == StmtKind::Pass ? C::Pass : s->kind == StmtKind::Break ? C::Break : C::Continue);
        n.loc(s->loc);
        return n.value();
    }
    }
    return none();
}

} // namespace

Value ast_to_python(Mod const* mod)
{
    return ToPython().mod(mod);
}

} // namespace pystm
