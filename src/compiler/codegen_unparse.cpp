// `from __future__ import annotations` (PEP 563): annotations are compiled as the source text
// of the expression, regenerated from the AST with CPython's spacing and parenthesization
// rules (the unparser of CPython's compiler, reimplemented from its documented output).
// Also the checks of __future__ imports themselves.
#include "compiler/codegen.h"

namespace pystm::compiler {

using namespace ast;

namespace {

    enum Prec {
        PR_TUPLE,
        PR_TEST,
        PR_OR,
        PR_AND,
        PR_NOT,
        PR_CMP,
        PR_EXPR,
        PR_BOR = PR_EXPR,
        PR_BXOR,
        PR_BAND,
        PR_SHIFT,
        PR_ARITH,
        PR_TERM,
        PR_FACTOR,
        PR_POWER,
        PR_AWAIT,
        PR_ATOM
    };

    class Unparser {
    public:
        explicit Unparser(Compiler& c)
            : c(c)
        {
        }
        std::string out;

        void expr(Expr* e, int level)
        {
            switch (e->kind) {
            case ExprKind::BoolOp: {
                auto* b = static_cast<BoolOpExpr*>(e);
                int pr = b->op == BoolOpKind::And ? PR_AND : PR_OR;
                open(level > pr);
                for (size_t i = 0; i < b->values.size(); ++i) {
                    if (i)
                        out += b->op == BoolOpKind::And ? " and " : " or ";
                    expr(b->values[i], pr + 1);
                }
                close(level > pr);
                break;
            }
            case ExprKind::BinOp: {
                auto* b = static_cast<BinOpExpr*>(e);
                char const* op = "";
                int pr = PR_ARITH;
                switch (b->op) {
                case OperatorKind::Add:
                    op = " + ";
                    pr = PR_ARITH;
                    break;
                case OperatorKind::Sub:
                    op = " - ";
                    pr = PR_ARITH;
                    break;
                case OperatorKind::Mult:
                    op = " * ";
                    pr = PR_TERM;
                    break;
                case OperatorKind::MatMult:
                    op = " @ ";
                    pr = PR_TERM;
                    break;
                case OperatorKind::Div:
                    op = " / ";
                    pr = PR_TERM;
                    break;
                case OperatorKind::Mod:
                    op = " % ";
                    pr = PR_TERM;
                    break;
                case OperatorKind::LShift:
                    op = " << ";
                    pr = PR_SHIFT;
                    break;
                case OperatorKind::RShift:
                    op = " >> ";
                    pr = PR_SHIFT;
                    break;
                case OperatorKind::BitOr:
                    op = " | ";
                    pr = PR_BOR;
                    break;
                case OperatorKind::BitXor:
                    op = " ^ ";
                    pr = PR_BXOR;
                    break;
                case OperatorKind::BitAnd:
                    op = " & ";
                    pr = PR_BAND;
                    break;
                case OperatorKind::FloorDiv:
                    op = " // ";
                    pr = PR_TERM;
                    break;
                case OperatorKind::Pow:
                    op = " ** ";
                    pr = PR_POWER;
                    break;
                }
                int rassoc = b->op == OperatorKind::Pow ? 1 : 0;
                open(level > pr);
                expr(b->left, pr + rassoc);
                out += op;
                expr(b->right, pr + !rassoc);
                close(level > pr);
                break;
            }
            case ExprKind::UnaryOp: {
                auto* u = static_cast<UnaryOpExpr*>(e);
                char const* op = "";
                int pr = PR_FACTOR;
                switch (u->op) {
                case UnaryOpKind::Invert:
                    op = "~";
                    break;
                case UnaryOpKind::Not:
                    op = "not ";
                    pr = PR_NOT;
                    break;
                case UnaryOpKind::UAdd:
                    op = "+";
                    break;
                case UnaryOpKind::USub:
                    op = "-";
                    break;
                }
                open(level > pr);
                out += op;
                expr(u->operand, pr);
                close(level > pr);
                break;
            }
            case ExprKind::Lambda: {
                auto* l = static_cast<LambdaExpr*>(e);
                open(level > PR_TEST);
                std::string args = arguments(l->args);
                out += args.empty() ? "lambda" : "lambda " + args;
                out += ": ";
                expr(l->body, PR_TEST);
                close(level > PR_TEST);
                break;
            }
            case ExprKind::IfExp: {
                auto* i = static_cast<IfExpExpr*>(e);
                open(level > PR_TEST);
                expr(i->body, PR_TEST + 1);
                out += " if ";
                expr(i->test, PR_TEST + 1);
                out += " else ";
                expr(i->orelse, PR_TEST);
                close(level > PR_TEST);
                break;
            }
            case ExprKind::Dict: {
                auto* d = static_cast<DictExpr*>(e);
                out += "{";
                for (size_t i = 0; i < d->values.size(); ++i) {
                    if (i)
                        out += ", ";
                    if (d->keys[i]) {
                        expr(d->keys[i], PR_TEST);
                        out += ": ";
                        expr(d->values[i], PR_TEST);
                    } else {
                        out += "**";
                        expr(d->values[i], PR_EXPR);
                    }
                }
                out += "}";
                break;
            }
            case ExprKind::Set: {
                auto* s = static_cast<SetExpr*>(e);
                if (s->elts.empty()) {
                    out += "{*()}";
                    break;
                }
                out += "{";
                list(s->elts, PR_TEST);
                out += "}";
                break;
            }
            case ExprKind::ListComp: {
                auto* l = static_cast<ListCompExpr*>(e);
                out += "[";
                expr(l->elt, PR_TEST);
                comprehensions(l->generators);
                out += "]";
                break;
            }
            case ExprKind::SetComp: {
                auto* l = static_cast<SetCompExpr*>(e);
                out += "{";
                expr(l->elt, PR_TEST);
                comprehensions(l->generators);
                out += "}";
                break;
            }
            case ExprKind::DictComp: {
                auto* l = static_cast<DictCompExpr*>(e);
                out += "{";
                expr(l->key, PR_TEST);
                out += ": ";
                expr(l->value, PR_TEST);
                comprehensions(l->generators);
                out += "}";
                break;
            }
            case ExprKind::GeneratorExp: {
                auto* g = static_cast<GeneratorExpExpr*>(e);
                out += "(";
                expr(g->elt, PR_TEST);
                comprehensions(g->generators);
                out += ")";
                break;
            }
            case ExprKind::Await:
                open(level > PR_AWAIT);
                out += "await ";
                expr(static_cast<AwaitExpr*>(e)->value, PR_ATOM);
                close(level > PR_AWAIT);
                break;
            case ExprKind::Yield: {
                auto* y = static_cast<YieldExpr*>(e);
                out += y->value ? "(yield " : "(yield";
                if (y->value)
                    expr(y->value, PR_TEST);
                out += ")";
                break;
            }
            case ExprKind::YieldFrom:
                out += "(yield from ";
                expr(static_cast<YieldFromExpr*>(e)->value, PR_TEST);
                out += ")";
                break;
            case ExprKind::Compare: {
                auto* cmp = static_cast<CompareExpr*>(e);
                open(level > PR_CMP);
                expr(cmp->left, PR_CMP + 1);
                for (size_t i = 0; i < cmp->ops.size(); ++i) {
                    static char const* const ops[] = { " == ", " != ", " < ", " <= ", " > ",
                        " >= ", " is ", " is not ", " in ", " not in " };
                    out += ops[static_cast<int>(cmp->ops[i])];
                    expr(cmp->comparators[i], PR_CMP + 1);
                }
                close(level > PR_CMP);
                break;
            }
            case ExprKind::Call: {
                auto* call = static_cast<CallExpr*>(e);
                expr(call->func, PR_ATOM);
                if (call->args.size() == 1 && call->keywords.empty()
                    && call->args[0]->kind == ExprKind::GeneratorExp) {
                    expr(call->args[0], PR_TEST);
                    break;
                }
                out += "(";
                bool first = true;
                for (Expr* a : call->args) {
                    if (!first)
                        out += ", ";
                    first = false;
                    expr(a, PR_TEST);
                }
                for (Keyword* k : call->keywords) {
                    if (!first)
                        out += ", ";
                    first = false;
                    if (k->arg.empty()) {
                        out += "**";
                        expr(k->value, PR_EXPR);
                    } else {
                        out += k->arg + "=";
                        expr(k->value, PR_TEST);
                    }
                }
                out += ")";
                break;
            }
            case ExprKind::FormattedValue:
            case ExprKind::JoinedStr: {
                std::string body;
                fstring_body(e, body, false);
                out += repr(body, "f");
                break;
            }
            case ExprKind::Constant: {
                auto const& cv = static_cast<ConstantExpr*>(e)->value;
                if (cv.kind == ConstantValue::Kind::Ellipsis)
                    out += "...";
                else
                    out += repr_utf8(c.constant_value(cv));
                break;
            }
            case ExprKind::Attribute: {
                auto* a = static_cast<AttributeExpr*>(e);
                expr(a->value, PR_ATOM);
                bool int_value = a->value->kind == ExprKind::Constant
                    && static_cast<ConstantExpr*>(a->value)->value.kind == ConstantValue::Kind::Int;
                out += int_value ? " ." : ".";
                out += a->attr;
                break;
            }
            case ExprKind::Subscript: {
                auto* s = static_cast<SubscriptExpr*>(e);
                expr(s->value, PR_ATOM);
                out += "[";
                expr(s->slice, PR_TUPLE);
                out += "]";
                break;
            }
            case ExprKind::Starred:
                out += "*";
                expr(static_cast<StarredExpr*>(e)->value, PR_EXPR);
                break;
            case ExprKind::Name:
                out += static_cast<NameExpr*>(e)->id;
                break;
            case ExprKind::List:
                out += "[";
                list(static_cast<ListExpr*>(e)->elts, PR_TEST);
                out += "]";
                break;
            case ExprKind::Tuple: {
                auto const& elts = static_cast<TupleExpr*>(e)->elts;
                if (elts.empty()) {
                    out += "()";
                    break;
                }
                open(level > PR_TUPLE);
                list(elts, PR_TEST);
                if (elts.size() == 1)
                    out += ",";
                close(level > PR_TUPLE);
                break;
            }
            case ExprKind::Slice: {
                auto* s = static_cast<SliceExpr*>(e);
                if (s->lower)
                    expr(s->lower, PR_TEST);
                out += ":";
                if (s->upper)
                    expr(s->upper, PR_TEST);
                if (s->step) {
                    out += ":";
                    expr(s->step, PR_TEST);
                }
                break;
            }
            case ExprKind::NamedExpr: {
                auto* n = static_cast<NamedExprExpr*>(e);
                open(level > PR_TUPLE);
                expr(n->target, PR_ATOM);
                out += " := ";
                expr(n->value, PR_ATOM);
                close(level > PR_TUPLE);
                break;
            }
            }
        }

    private:
        Compiler& c;

        void open(bool cond)
        {
            if (cond)
                out += "(";
        }
        void close(bool cond)
        {
            if (cond)
                out += ")";
        }
        void list(ExprList const& elts, int level)
        {
            for (size_t i = 0; i < elts.size(); ++i) {
                if (i)
                    out += ", ";
                expr(elts[i], level);
            }
        }
        void comprehensions(std::vector<Comprehension*> const& gens)
        {
            for (Comprehension* g : gens) {
                out += g->is_async ? " async for " : " for ";
                expr(g->target, PR_TUPLE);
                out += " in ";
                expr(g->iter, PR_TEST + 1);
                for (Expr* cond : g->ifs) {
                    out += " if ";
                    expr(cond, PR_TEST + 1);
                }
            }
        }
        std::string sub(Expr* e, int level)
        {
            Unparser u(c);
            u.expr(e, level);
            return u.out;
        }
        std::string arguments(Arguments* a)
        {
            std::string s;
            auto add = [&](std::string const& part) {
                if (!s.empty())
                    s += ", ";
                s += part;
            };
            size_t npos = a->posonlyargs.size() + a->args.size();
            size_t first_default = npos - a->defaults.size();
            for (size_t i = 0; i < npos; ++i) {
                Arg* arg = i < a->posonlyargs.size() ? a->posonlyargs[i]
                                                     : a->args[i - a->posonlyargs.size()];
                std::string part = arg->arg;
                if (i >= first_default)
                    part += "=" + sub(a->defaults[i - first_default], PR_TEST);
                add(part);
                if (!a->posonlyargs.empty() && i + 1 == a->posonlyargs.size())
                    add("/");
            }
            if (a->vararg)
                add("*" + a->vararg->arg);
            else if (!a->kwonlyargs.empty())
                add("*");
            for (size_t i = 0; i < a->kwonlyargs.size(); ++i) {
                std::string part = a->kwonlyargs[i]->arg;
                if (i < a->kw_defaults.size() && a->kw_defaults[i])
                    part += "=" + sub(a->kw_defaults[i], PR_TEST);
                add(part);
            }
            if (a->kwarg)
                add("**" + a->kwarg->arg);
            return s;
        }
        // The text inside f'...' for a JoinedStr / FormattedValue.
        void fstring_body(Expr* e, std::string& body, bool in_spec)
        {
            if (e->kind == ExprKind::JoinedStr) {
                for (Expr* v : static_cast<JoinedStrExpr*>(e)->values)
                    fstring_body(v, body, in_spec);
                return;
            }
            if (e->kind == ExprKind::Constant) {
                for (char ch : static_cast<ConstantExpr*>(e)->value.text) {
                    if (ch == '{' || ch == '}')
                        body += ch;
                    body += ch;
                }
                return;
            }
            auto* fv = static_cast<FormattedValueExpr*>(e);
            std::string inner = sub(fv->value, PR_TEST + 1);
            body += inner.front() == '{' ? "{ " : "{";
            body += inner;
            if (fv->conversion > 0) {
                body += "!";
                body += static_cast<char>(fv->conversion);
            }
            if (fv->format_spec) {
                body += ":";
                fstring_body(fv->format_spec, body, true);
            }
            body += "}";
        }
        std::string repr(std::string const& text, char const* prefix)
        {
            return prefix + repr_utf8(Value(str_from_utf8(text)));
        }
    };

} // namespace

std::string Compiler::unparse_annotation(Expr* e)
{
    Unparser u(*this);
    u.expr(e, PR_TEST);
    return u.out;
}

void Compiler::check_future_imports(Mod* mod)
{
    if (mod->kind == ModKind::Expression)
        return;
    bool at_start = true;
    size_t i = 0;
    if (mod->kind == ModKind::Module && !mod->body.empty() && is_docstring_stmt(mod->body[0]))
        i = 1;
    for (; i < mod->body.size(); ++i) {
        Stmt* s = mod->body[i];
        bool future = s->kind == StmtKind::ImportFrom
            && static_cast<ImportFromStmt*>(s)->module == "__future__"
            && static_cast<ImportFromStmt*>(s)->level == 0;
        if (!future) {
            at_start = false;
            continue;
        }
        Loc loc = s->loc;
        if (!at_start)
            error("from __future__ imports must occur at the beginning of the file", loc);
        for (Alias* a : static_cast<ImportFromStmt*>(s)->names) {
            static char const* const known[] = { "nested_scopes", "generators", "division",
                "absolute_import", "with_statement", "print_function", "unicode_literals",
                "barry_as_FLUFL", "generator_stop", "annotations" };
            bool ok = false;
            for (char const* k : known)
                if (a->name == k)
                    ok = true;
            Loc at { loc.line, loc.col, loc.line, -1 };
            if (a->name == "braces")
                error("not a chance", at);
            if (!ok)
                error("future feature " + a->name + " is not defined", at);
            if (a->name == "annotations")
                m_future_annotations = true;
        }
    }
}

} // namespace pystm::compiler
