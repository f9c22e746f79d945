// CPython 3.11's validation of an AST built from Python objects (Python/ast.c), run by
// compile() on what ast_from_python() produced, before the compiler sees it.
//
// The parser never builds the trees rejected here, so the compiler may assume what this checks:
// every expression has the context its position needs (Store for assignment targets, ...), bodies
// and name lists are non-empty, counts agree (Compare's operators and comparators, Dict's keys and
// values, kw_defaults and kwonlyargs), no None where a list needs a node, and patterns have the
// shapes the pattern compiler handles. Errors are ValueError (TypeError for AnnAssign's simple
// flag), with CPython's messages.
#include "base/common.h"
#include "modules/ast_module.h"
#include "objects/exceptions.h"

namespace pystm {

namespace {

using namespace ast;

char const* ctx_name(ExprContext c)
{
    return c == ExprContext::Load ? "Load" : c == ExprContext::Store ? "Store" : "Del";
}

[[noreturn]] void fail(char const* msg) { raise(&exc::ValueError, "%s", msg); }

template <class T> void nonempty(std::vector<T> const& seq, char const* what, char const* owner)
{
    if (seq.empty())
        raise(&exc::ValueError, "empty %s on %s", what, owner);
}

void validate_name(std::string const& name)
{
    for (char const* forbidden : { "None", "True", "False" })
        if (name == forbidden)
            raise(&exc::ValueError, "identifier field can't represent '%s' constant", forbidden);
}

void expr(Expr const* e, ExprContext ctx);
void stmts(StmtList const& body);
void pattern(Pattern const* p, bool star_ok);

void exprs(ExprList const& list, ExprContext ctx, bool null_ok)
{
    for (Expr const* e : list) {
        if (e)
            expr(e, ctx);
        else if (!null_ok)
            fail("None disallowed in expression list");
    }
}

void body(StmtList const& list, char const* owner)
{
    nonempty(list, "body", owner);
    stmts(list);
}

void keywords(std::vector<Keyword*> const& ks)
{
    for (Keyword const* k : ks)
        if (k)
            expr(k->value, ExprContext::Load);
}

void args(std::vector<Arg*> const& list)
{
    for (Arg const* a : list)
        if (a && a->annotation)
            expr(a->annotation, ExprContext::Load);
}

void arguments(Arguments const* a)
{
    args(a->posonlyargs);
    args(a->args);
    if (a->vararg && a->vararg->annotation)
        expr(a->vararg->annotation, ExprContext::Load);
    args(a->kwonlyargs);
    if (a->kwarg && a->kwarg->annotation)
        expr(a->kwarg->annotation, ExprContext::Load);
    if (a->defaults.size() > a->posonlyargs.size() + a->args.size())
        fail("more positional defaults than args on arguments");
    if (a->kw_defaults.size() != a->kwonlyargs.size())
        fail("length of kwonlyargs is not the same as kw_defaults on arguments");
    exprs(a->defaults, ExprContext::Load, false);
    exprs(a->kw_defaults, ExprContext::Load, true);
}

void comprehensions(std::vector<Comprehension*> const& gens)
{
    if (gens.empty())
        fail("comprehension with no generators");
    for (Comprehension const* c : gens) {
        if (!c)
            fail("None disallowed in expression list");
        expr(c->target, ExprContext::Store);
        expr(c->iter, ExprContext::Load);
        exprs(c->ifs, ExprContext::Load, false);
    }
}

void expr(Expr const* e, ExprContext ctx)
{
    bool check_ctx = true;
    ExprContext actual = ExprContext::Load;
    switch (e->kind) {
    case ExprKind::Attribute: actual = static_cast<AttributeExpr const*>(e)->ctx; break;
    case ExprKind::Subscript: actual = static_cast<SubscriptExpr const*>(e)->ctx; break;
    case ExprKind::Starred: actual = static_cast<StarredExpr const*>(e)->ctx; break;
    case ExprKind::Name:
        validate_name(static_cast<NameExpr const*>(e)->id);
        actual = static_cast<NameExpr const*>(e)->ctx;
        break;
    case ExprKind::List: actual = static_cast<ListExpr const*>(e)->ctx; break;
    case ExprKind::Tuple: actual = static_cast<TupleExpr const*>(e)->ctx; break;
    default:
        if (ctx != ExprContext::Load)
            raise(&exc::ValueError, "expression which can't be assigned to in %s context", ctx_name(ctx));
        check_ctx = false;
    }
    if (check_ctx && actual != ctx)
        raise(&exc::ValueError, "expression must have %s context but has %s instead", ctx_name(ctx), ctx_name(actual));
    auto load = [](Expr const* x) { expr(x, ExprContext::Load); };
    auto opt_load = [](Expr const* x) { if (x) expr(x, ExprContext::Load); };
    switch (e->kind) {
    case ExprKind::BoolOp: {
        auto* x = static_cast<BoolOpExpr const*>(e);
        if (x->values.size() < 2)
            fail("BoolOp with less than 2 values");
        exprs(x->values, ExprContext::Load, false);
        break;
    }
    case ExprKind::NamedExpr: load(static_cast<NamedExprExpr const*>(e)->value); break;
    case ExprKind::BinOp:
        load(static_cast<BinOpExpr const*>(e)->left);
        load(static_cast<BinOpExpr const*>(e)->right);
        break;
    case ExprKind::UnaryOp: load(static_cast<UnaryOpExpr const*>(e)->operand); break;
    case ExprKind::Lambda:
        arguments(static_cast<LambdaExpr const*>(e)->args);
        load(static_cast<LambdaExpr const*>(e)->body);
        break;
    case ExprKind::IfExp: {
        auto* x = static_cast<IfExpExpr const*>(e);
        load(x->test), load(x->body), load(x->orelse);
        break;
    }
    case ExprKind::Dict: {
        auto* x = static_cast<DictExpr const*>(e);
        if (x->keys.size() != x->values.size())
            fail("Dict doesn't have the same number of keys as values");
        exprs(x->keys, ExprContext::Load, true);
        exprs(x->values, ExprContext::Load, false);
        break;
    }
    case ExprKind::Set: exprs(static_cast<SetExpr const*>(e)->elts, ExprContext::Load, false); break;
    case ExprKind::ListComp:
        comprehensions(static_cast<ListCompExpr const*>(e)->generators);
        load(static_cast<ListCompExpr const*>(e)->elt);
        break;
    case ExprKind::SetComp:
        comprehensions(static_cast<SetCompExpr const*>(e)->generators);
        load(static_cast<SetCompExpr const*>(e)->elt);
        break;
    case ExprKind::GeneratorExp:
        comprehensions(static_cast<GeneratorExpExpr const*>(e)->generators);
        load(static_cast<GeneratorExpExpr const*>(e)->elt);
        break;
    case ExprKind::DictComp:
        comprehensions(static_cast<DictCompExpr const*>(e)->generators);
        load(static_cast<DictCompExpr const*>(e)->key);
        load(static_cast<DictCompExpr const*>(e)->value);
        break;
    case ExprKind::Await: load(static_cast<AwaitExpr const*>(e)->value); break;
    case ExprKind::Yield: opt_load(static_cast<YieldExpr const*>(e)->value); break;
    case ExprKind::YieldFrom: load(static_cast<YieldFromExpr const*>(e)->value); break;
    case ExprKind::Compare: {
        auto* x = static_cast<CompareExpr const*>(e);
        if (x->comparators.empty())
            fail("Compare with no comparators");
        if (x->comparators.size() != x->ops.size())
            fail("Compare has a different number of comparators and operands");
        exprs(x->comparators, ExprContext::Load, false);
        load(x->left);
        break;
    }
    case ExprKind::Call: {
        auto* x = static_cast<CallExpr const*>(e);
        load(x->func);
        exprs(x->args, ExprContext::Load, false);
        keywords(x->keywords);
        break;
    }
    case ExprKind::FormattedValue:
        load(static_cast<FormattedValueExpr const*>(e)->value);
        opt_load(static_cast<FormattedValueExpr const*>(e)->format_spec);
        break;
    case ExprKind::JoinedStr: exprs(static_cast<JoinedStrExpr const*>(e)->values, ExprContext::Load, false); break;
    case ExprKind::Constant: break;
    case ExprKind::Attribute: load(static_cast<AttributeExpr const*>(e)->value); break;
    case ExprKind::Subscript:
        load(static_cast<SubscriptExpr const*>(e)->slice);
        load(static_cast<SubscriptExpr const*>(e)->value);
        break;
    case ExprKind::Starred: expr(static_cast<StarredExpr const*>(e)->value, ctx); break;
    case ExprKind::Slice: {
        auto* x = static_cast<SliceExpr const*>(e);
        opt_load(x->lower), opt_load(x->upper), opt_load(x->step);
        break;
    }
    case ExprKind::List: exprs(static_cast<ListExpr const*>(e)->elts, ctx, false); break;
    case ExprKind::Tuple: exprs(static_cast<TupleExpr const*>(e)->elts, ctx, false); break;
    case ExprKind::Name: break;
    }
}

void capture(std::string const& name)
{
    if (name == "_")
        fail("can't capture name '_' in patterns");
    validate_name(name);
}

void match_value(Expr const* e)
{
    switch (e->kind) {
    case ExprKind::Constant: {
        auto k = static_cast<ConstantExpr const*>(e)->value.kind;
        using K = ConstantValue::Kind;
        if (k == K::None || k == K::True || k == K::False)
            fail("unexpected constant inside of a literal pattern");
        return;
    }
    case ExprKind::Attribute:
        return; // Python/ast.c checks the Load context below
    case ExprKind::UnaryOp:
    case ExprKind::BinOp:
        // Negative numbers and complex literals (-1, 1 + 2j): the compiler checks their shape.
        return;
    case ExprKind::JoinedStr:
        fail("patterns may only match literals and attribute lookups");
    default:
        fail("patterns may only match literals and attribute lookups");
    }
}

void patterns(PatternList const& list, bool star_ok)
{
    for (Pattern const* p : list) {
        if (!p)
            fail("None disallowed in pattern list");
        pattern(p, star_ok);
    }
}

void pattern(Pattern const* p, bool star_ok)
{
    switch (p->kind) {
    case PatternKind::MatchValue: {
        Expr const* v = static_cast<MatchValuePattern const*>(p)->value;
        expr(v, ExprContext::Load);
        match_value(v);
        break;
    }
    case PatternKind::MatchSingleton: break;
    case PatternKind::MatchSequence:
        patterns(static_cast<MatchSequencePattern const*>(p)->patterns, true);
        break;
    case PatternKind::MatchMapping: {
        auto* x = static_cast<MatchMappingPattern const*>(p);
        if (x->keys.size() != x->patterns.size())
            fail("MatchMapping doesn't have the same number of keys as patterns");
        if (!x->rest.empty())
            capture(x->rest);
        for (Expr const* k : x->keys) {
            if (!k)
                fail("None disallowed in expression list");
            if (k->kind != ExprKind::Constant && k->kind != ExprKind::Attribute)
                match_value(k);
            expr(k, ExprContext::Load);
        }
        patterns(x->patterns, false);
        break;
    }
    case PatternKind::MatchClass: {
        auto* x = static_cast<MatchClassPattern const*>(p);
        expr(x->cls, ExprContext::Load);
        for (Expr const* c = x->cls; c;) {
            if (c->kind == ExprKind::Name)
                break;
            if (c->kind != ExprKind::Attribute)
                fail("MatchClass cls field can only contain Name or Attribute nodes.");
            c = static_cast<AttributeExpr const*>(c)->value;
        }
        if (x->kwd_attrs.size() != x->kwd_patterns.size())
            fail("MatchClass doesn't have the same number of keyword attributes as patterns");
        for (std::string const& a : x->kwd_attrs)
            validate_name(a);
        patterns(x->patterns, false);
        patterns(x->kwd_patterns, false);
        break;
    }
    case PatternKind::MatchStar: {
        if (!star_ok)
            fail("can't use MatchStar here");
        auto const& name = static_cast<MatchStarPattern const*>(p)->name;
        if (!name.empty())
            capture(name);
        break;
    }
    case PatternKind::MatchAs: {
        auto* x = static_cast<MatchAsPattern const*>(p);
        if (!x->name.empty())
            capture(x->name);
        if (x->pattern && x->name.empty())
            fail("MatchAs must specify a target name if a pattern is given");
        if (x->pattern)
            pattern(x->pattern, false);
        break;
    }
    case PatternKind::MatchOr: {
        auto* x = static_cast<MatchOrPattern const*>(p);
        if (x->patterns.size() < 2)
            fail("MatchOr requires at least 2 patterns");
        patterns(x->patterns, false);
        break;
    }
    }
}

void stmt(Stmt const* s)
{
    auto load = [](Expr const* x) { expr(x, ExprContext::Load); };
    switch (s->kind) {
    case StmtKind::FunctionDef:
    case StmtKind::AsyncFunctionDef: {
        auto* x = static_cast<FunctionDefStmt const*>(s);
        body(x->body, s->kind == StmtKind::FunctionDef ? "FunctionDef" : "AsyncFunctionDef");
        arguments(x->args);
        exprs(x->decorator_list, ExprContext::Load, false);
        if (x->returns)
            load(x->returns);
        break;
    }
    case StmtKind::ClassDef: {
        auto* x = static_cast<ClassDefStmt const*>(s);
        body(x->body, "ClassDef");
        exprs(x->bases, ExprContext::Load, false);
        keywords(x->keywords);
        exprs(x->decorator_list, ExprContext::Load, false);
        break;
    }
    case StmtKind::Return:
        if (auto* v = static_cast<ReturnStmt const*>(s)->value)
            load(v);
        break;
    case StmtKind::Delete:
        nonempty(static_cast<DeleteStmt const*>(s)->targets, "targets", "Delete");
        exprs(static_cast<DeleteStmt const*>(s)->targets, ExprContext::Del, false);
        break;
    case StmtKind::Assign:
        nonempty(static_cast<AssignStmt const*>(s)->targets, "targets", "Assign");
        exprs(static_cast<AssignStmt const*>(s)->targets, ExprContext::Store, false);
        load(static_cast<AssignStmt const*>(s)->value);
        break;
    case StmtKind::AugAssign:
        expr(static_cast<AugAssignStmt const*>(s)->target, ExprContext::Store);
        load(static_cast<AugAssignStmt const*>(s)->value);
        break;
    case StmtKind::AnnAssign: {
        auto* x = static_cast<AnnAssignStmt const*>(s);
        if (x->simple && x->target->kind != ExprKind::Name)
            raise(&exc::TypeError, "AnnAssign with simple non-Name target");
        expr(x->target, ExprContext::Store);
        if (x->value)
            load(x->value);
        load(x->annotation);
        break;
    }
    case StmtKind::For:
    case StmtKind::AsyncFor: {
        auto* x = static_cast<ForStmt const*>(s);
        expr(x->target, ExprContext::Store);
        load(x->iter);
        body(x->body, s->kind == StmtKind::For ? "For" : "AsyncFor");
        stmts(x->orelse);
        break;
    }
    case StmtKind::While: {
        auto* x = static_cast<WhileStmt const*>(s);
        load(x->test);
        body(x->body, "While");
        stmts(x->orelse);
        break;
    }
    case StmtKind::If: {
        auto* x = static_cast<IfStmt const*>(s);
        load(x->test);
        body(x->body, "If");
        stmts(x->orelse);
        break;
    }
    case StmtKind::With:
    case StmtKind::AsyncWith: {
        auto* x = static_cast<WithStmt const*>(s);
        char const* owner = s->kind == StmtKind::With ? "With" : "AsyncWith";
        nonempty(x->items, "items", owner);
        for (WithItem const* item : x->items) {
            if (!item)
                fail("None disallowed in expression list");
            load(item->context_expr);
            if (item->optional_vars)
                expr(item->optional_vars, ExprContext::Store);
        }
        body(x->body, owner);
        break;
    }
    case StmtKind::Match: {
        auto* x = static_cast<MatchStmt const*>(s);
        load(x->subject);
        nonempty(x->cases, "cases", "Match");
        for (MatchCase const* c : x->cases) {
            if (!c)
                fail("None disallowed in expression list");
            pattern(c->pattern, false);
            if (c->guard)
                load(c->guard);
            body(c->body, "match_case");
        }
        break;
    }
    case StmtKind::Raise: {
        auto* x = static_cast<RaiseStmt const*>(s);
        if (x->exc) {
            load(x->exc);
            if (x->cause)
                load(x->cause);
        } else if (x->cause) {
            fail("Raise with cause but no exception");
        }
        break;
    }
    case StmtKind::Try:
    case StmtKind::TryStar: {
        auto* x = static_cast<TryStmt const*>(s);
        char const* owner = s->kind == StmtKind::Try ? "Try" : "TryStar";
        body(x->body, owner);
        if (x->handlers.empty() && x->finalbody.empty())
            raise(&exc::ValueError, "%s has neither except handlers nor finalbody", owner);
        if (x->handlers.empty() && !x->orelse.empty())
            raise(&exc::ValueError, "%s has orelse but no except handlers", owner);
        for (ExceptHandler const* h : x->handlers) {
            if (!h)
                fail("None disallowed in expression list");
            if (h->type)
                load(h->type);
            body(h->body, "ExceptHandler");
        }
        stmts(x->finalbody);
        stmts(x->orelse);
        break;
    }
    case StmtKind::Assert: {
        auto* x = static_cast<AssertStmt const*>(s);
        load(x->test);
        if (x->msg)
            load(x->msg);
        break;
    }
    case StmtKind::Import:
        nonempty(static_cast<ImportStmt const*>(s)->names, "names", "Import");
        break;
    case StmtKind::ImportFrom:
        if (static_cast<ImportFromStmt const*>(s)->level < 0)
            fail("Negative ImportFrom level");
        nonempty(static_cast<ImportFromStmt const*>(s)->names, "names", "ImportFrom");
        break;
    case StmtKind::Global:
        nonempty(static_cast<GlobalStmt const*>(s)->names, "names", "Global");
        break;
    case StmtKind::Nonlocal:
        nonempty(static_cast<NonlocalStmt const*>(s)->names, "names", "Nonlocal");
        break;
    case StmtKind::Expr: load(static_cast<ExprStmt const*>(s)->value); break;
    case StmtKind::Pass:
    case StmtKind::Break:
    case StmtKind::Continue:
        break;
    }
}

void stmts(StmtList const& list)
{
    for (Stmt const* s : list) {
        if (!s)
            fail("None disallowed in statement list");
        stmt(s);
    }
}

} // namespace

void ast_validate(Mod const* mod)
{
    switch (mod->kind) {
    case ModKind::Module:
    case ModKind::Interactive:
        stmts(mod->body);
        break;
    case ModKind::Expression:
        expr(mod->expr, ExprContext::Load);
        break;
    }
}

} // namespace pystm
