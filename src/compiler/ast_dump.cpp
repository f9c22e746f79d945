// ast.dump() for the trees of ast.h (see ast_dump.h).
//
// Field order and omission follow Python.asdl as CPython 3.11's ast.dump prints it: every
// field in declaration order, an optional field ("?") left out when it is None, lists always
// printed, and with include_attributes the location attributes last.
#include "compiler/ast_dump.h"
#include "base/utf8.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <gmp.h>
#include <utf8proc.h>

namespace pystm::compiler {

using namespace ast;

std::string repr_float(double v)
{
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    if (std::isnan(v))
        return "nan";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string sci(buf, r.ptr);
    // sci: [-]d[.ddd]e[+-]XX
    bool neg = sci[0] == '-';
    if (neg)
        sci.erase(0, 1);
    size_t epos = sci.find('e');
    std::string mant = sci.substr(0, epos);
    int exp = std::stoi(sci.substr(epos + 1));
    std::string digits;
    for (char c : mant)
        if (c != '.')
            digits += c;
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
    std::string out = neg ? "-" : "";
    if (exp < -4 || exp >= 16) {
        out += digits[0];
        if (digits.size() > 1) {
            out += '.';
            out += digits.substr(1);
        }
        char eb[16];
        snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        out += eb;
        return out;
    }
    if (exp < 0) {
        out += "0.";
        out += std::string(size_t(-exp - 1), '0');
        out += digits;
        return out;
    }
    if (int(digits.size()) <= exp + 1) {
        out += digits;
        out += std::string(size_t(exp + 1 - int(digits.size())), '0');
        out += ".0";
        return out;
    }
    out += digits.substr(0, size_t(exp + 1));
    out += '.';
    out += digits.substr(size_t(exp + 1));
    return out;
}

namespace {

std::string repr_complex_imag(double v)
{
    std::string s = repr_float(v);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
        s.resize(s.size() - 2);
    return s + "j";
}

bool printable(uint32_t cp)
{
    if (cp == ' ')
        return true;
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return false;
    switch (utf8proc_category(int32_t(cp))) {
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_ZS:
        return false;
    default:
        return true;
    }
}

} // namespace

std::string repr_str(std::string_view utf8)
{
    auto cps = utf8_code_points(utf8);
    bool has_sq = false, has_dq = false;
    for (uint32_t c : cps) {
        has_sq |= c == '\'';
        has_dq |= c == '"';
    }
    char q = (has_sq && !has_dq) ? '"' : '\'';
    std::string out(1, q);
    for (uint32_t c : cps) {
        char buf[16];
        if (c == uint32_t(q) || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7F) {
            snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else if (c < 0x7F) {
            out += char(c);
        } else if (printable(c)) {
            append_utf8(out, c);
        } else if (c <= 0xFF) {
            snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else if (c <= 0xFFFF) {
            snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            snprintf(buf, sizeof buf, "\\U%08x", c);
            out += buf;
        }
    }
    out += q;
    return out;
}

std::string repr_bytes(std::string_view bytes)
{
    bool has_sq = bytes.find('\'') != std::string_view::npos;
    bool has_dq = bytes.find('"') != std::string_view::npos;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    std::string out = "b";
    out += q;
    for (unsigned char c : bytes) {
        if (c == (unsigned char)q || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c >= 0x7F) {
            char buf[8];
            snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += char(c);
        }
    }
    out += q;
    return out;
}

namespace {

std::string int_to_decimal(std::string const& text)
{
    // text is a Python int literal without underscores: 0x.., 0o.., 0b.. or decimal.
    int base = 10;
    std::string digits = text;
    if (text.size() > 1 && text[0] == '0') {
        char p = char(tolower((unsigned char)text[1]));
        if (p == 'x' || p == 'o' || p == 'b') {
            base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
            digits = text.substr(2);
        }
    }
    bool small = digits.size() < 16;
    if (small && base == 10) {
        size_t i = 0;
        while (i + 1 < digits.size() && digits[i] == '0')
            i++;
        return digits.substr(i);
    }
    mpz_t z;
    if (mpz_init_set_str(z, digits.c_str(), base) != 0) {
        mpz_clear(z);
        return text;
    }
    char* s = mpz_get_str(nullptr, 10, z);
    std::string r(s);
    void (*freefn)(void*, size_t);
    mp_get_memory_functions(nullptr, nullptr, &freefn);
    freefn(s, strlen(s) + 1);
    mpz_clear(z);
    return r;
}

class Dumper {
public:
    explicit Dumper(bool attrs) : m_attrs(attrs) { }
    std::string out;

    void loc(Loc const& l)
    {
        if (!m_attrs)
            return;
        out += ", lineno=" + std::to_string(l.line) + ", col_offset=" + std::to_string(l.col)
            + ", end_lineno=" + std::to_string(l.end_line) + ", end_col_offset=" + std::to_string(l.end_col);
    }

    void constant(ConstantValue const& v)
    {
        switch (v.kind) {
        case ConstantValue::Kind::None: out += "None"; break;
        case ConstantValue::Kind::True: out += "True"; break;
        case ConstantValue::Kind::False: out += "False"; break;
        case ConstantValue::Kind::Ellipsis: out += "Ellipsis"; break;
        case ConstantValue::Kind::Int: out += int_to_decimal(v.text); break;
        case ConstantValue::Kind::Float: out += repr_float(v.number); break;
        case ConstantValue::Kind::Complex: out += repr_complex_imag(v.number); break;
        case ConstantValue::Kind::Str: out += repr_str(v.text); break;
        case ConstantValue::Kind::Bytes: out += repr_bytes(v.text); break;
        }
    }

    static char const* ctx(ExprContext c)
    {
        return c == ExprContext::Load ? "Load()" : c == ExprContext::Store ? "Store()" : "Del()";
    }
    static char const* op(OperatorKind k)
    {
        static char const* const names[] = { "Add()", "Sub()", "Mult()", "MatMult()", "Div()", "Mod()",
            "Pow()", "LShift()", "RShift()", "BitOr()", "BitXor()", "BitAnd()", "FloorDiv()" };
        return names[size_t(k)];
    }
    static char const* cmpop(CmpOpKind k)
    {
        static char const* const names[] = { "Eq()", "NotEq()", "Lt()", "LtE()", "Gt()", "GtE()", "Is()",
            "IsNot()", "In()", "NotIn()" };
        return names[size_t(k)];
    }

    void exprs(ExprList const& l)
    {
        out += '[';
        for (size_t i = 0; i < l.size(); i++) {
            if (i)
                out += ", ";
            if (l[i])
                expr(l[i]);
            else
                out += "None";
        }
        out += ']';
    }
    void stmts(StmtList const& l)
    {
        out += '[';
        for (size_t i = 0; i < l.size(); i++) {
            if (i)
                out += ", ";
            stmt(l[i]);
        }
        out += ']';
    }
    void names(std::vector<std::string> const& l)
    {
        out += '[';
        for (size_t i = 0; i < l.size(); i++) {
            if (i)
                out += ", ";
            out += repr_str(l[i]);
        }
        out += ']';
    }
    template <class T, class F> void list(std::vector<T> const& l, F f)
    {
        out += '[';
        for (size_t i = 0; i < l.size(); i++) {
            if (i)
                out += ", ";
            f(l[i]);
        }
        out += ']';
    }
    void opt_expr(char const* name, Expr const* e)
    {
        if (!e)
            return;
        out += ", ";
        out += name;
        out += '=';
        expr(e);
    }

    void comprehensions(std::vector<Comprehension*> const& gens)
    {
        list(gens, [&](Comprehension* c) {
            out += "comprehension(target=";
            expr(c->target);
            out += ", iter=";
            expr(c->iter);
            out += ", ifs=";
            exprs(c->ifs);
            out += c->is_async ? ", is_async=1)" : ", is_async=0)";
        });
    }

    void arg(Arg const* a)
    {
        out += "arg(arg=" + repr_str(a->arg);
        opt_expr("annotation", a->annotation);
        loc(a->loc);
        out += ')';
    }
    void arguments(Arguments const* a)
    {
        out += "arguments(posonlyargs=";
        list(a->posonlyargs, [&](Arg* x) { arg(x); });
        out += ", args=";
        list(a->args, [&](Arg* x) { arg(x); });
        if (a->vararg) {
            out += ", vararg=";
            arg(a->vararg);
        }
        out += ", kwonlyargs=";
        list(a->kwonlyargs, [&](Arg* x) { arg(x); });
        out += ", kw_defaults=";
        exprs(a->kw_defaults);
        if (a->kwarg) {
            out += ", kwarg=";
            arg(a->kwarg);
        }
        out += ", defaults=";
        exprs(a->defaults);
        out += ')';
    }
    void keywords(std::vector<Keyword*> const& l)
    {
        list(l, [&](Keyword* k) {
            out += "keyword(";
            if (!k->arg.empty())
                out += "arg=" + repr_str(k->arg) + ", ";
            out += "value=";
            expr(k->value);
            loc(k->loc);
            out += ')';
        });
    }

    void expr(Expr const* e)
    {
        switch (e->kind) {
        case ExprKind::BoolOp: {
            auto* n = static_cast<BoolOpExpr const*>(e);
            out += n->op == BoolOpKind::And ? "BoolOp(op=And(), values=" : "BoolOp(op=Or(), values=";
            exprs(n->values);
            break;
        }
        case ExprKind::NamedExpr: {
            auto* n = static_cast<NamedExprExpr const*>(e);
            out += "NamedExpr(target=";
            expr(n->target);
            out += ", value=";
            expr(n->value);
            break;
        }
        case ExprKind::BinOp: {
            auto* n = static_cast<BinOpExpr const*>(e);
            out += "BinOp(left=";
            expr(n->left);
            out += ", op=";
            out += op(n->op);
            out += ", right=";
            expr(n->right);
            break;
        }
        case ExprKind::UnaryOp: {
            auto* n = static_cast<UnaryOpExpr const*>(e);
            static char const* const names[] = { "Invert()", "Not()", "UAdd()", "USub()" };
            out += "UnaryOp(op=";
            out += names[size_t(n->op)];
            out += ", operand=";
            expr(n->operand);
            break;
        }
        case ExprKind::Lambda: {
            auto* n = static_cast<LambdaExpr const*>(e);
            out += "Lambda(args=";
            arguments(n->args);
            out += ", body=";
            expr(n->body);
            break;
        }
        case ExprKind::IfExp: {
            auto* n = static_cast<IfExpExpr const*>(e);
            out += "IfExp(test=";
            expr(n->test);
            out += ", body=";
            expr(n->body);
            out += ", orelse=";
            expr(n->orelse);
            break;
        }
        case ExprKind::Dict: {
            auto* n = static_cast<DictExpr const*>(e);
            out += "Dict(keys=";
            exprs(n->keys);
            out += ", values=";
            exprs(n->values);
            break;
        }
        case ExprKind::Set:
            out += "Set(elts=";
            exprs(static_cast<SetExpr const*>(e)->elts);
            break;
        case ExprKind::ListComp: {
            auto* n = static_cast<ListCompExpr const*>(e);
            out += "ListComp(elt=";
            expr(n->elt);
            out += ", generators=";
            comprehensions(n->generators);
            break;
        }
        case ExprKind::SetComp: {
            auto* n = static_cast<SetCompExpr const*>(e);
            out += "SetComp(elt=";
            expr(n->elt);
            out += ", generators=";
            comprehensions(n->generators);
            break;
        }
        case ExprKind::DictComp: {
            auto* n = static_cast<DictCompExpr const*>(e);
            out += "DictComp(key=";
            expr(n->key);
            out += ", value=";
            expr(n->value);
            out += ", generators=";
            comprehensions(n->generators);
            break;
        }
        case ExprKind::GeneratorExp: {
            auto* n = static_cast<GeneratorExpExpr const*>(e);
            out += "GeneratorExp(elt=";
            expr(n->elt);
            out += ", generators=";
            comprehensions(n->generators);
            break;
        }
        case ExprKind::Await:
            out += "Await(value=";
            expr(static_cast<AwaitExpr const*>(e)->value);
            break;
        case ExprKind::Yield: {
            auto* n = static_cast<YieldExpr const*>(e);
            out += "Yield(";
            if (n->value) {
                out += "value=";
                expr(n->value);
            }
            if (m_attrs && !n->value) {
                // loc() adds a leading ", "; CPython prints "Yield(lineno=..."
                std::string saved;
                saved.swap(out);
                loc(e->loc);
                saved += out.substr(2);
                out.swap(saved);
                out += ')';
                return;
            }
            break;
        }
        case ExprKind::YieldFrom:
            out += "YieldFrom(value=";
            expr(static_cast<YieldFromExpr const*>(e)->value);
            break;
        case ExprKind::Compare: {
            auto* n = static_cast<CompareExpr const*>(e);
            out += "Compare(left=";
            expr(n->left);
            out += ", ops=";
            list(n->ops, [&](CmpOpKind k) { out += cmpop(k); });
            out += ", comparators=";
            exprs(n->comparators);
            break;
        }
        case ExprKind::Call: {
            auto* n = static_cast<CallExpr const*>(e);
            out += "Call(func=";
            expr(n->func);
            out += ", args=";
            exprs(n->args);
            out += ", keywords=";
            keywords(n->keywords);
            break;
        }
        case ExprKind::FormattedValue: {
            auto* n = static_cast<FormattedValueExpr const*>(e);
            out += "FormattedValue(value=";
            expr(n->value);
            out += ", conversion=" + std::to_string(n->conversion);
            opt_expr("format_spec", n->format_spec);
            break;
        }
        case ExprKind::JoinedStr:
            out += "JoinedStr(values=";
            exprs(static_cast<JoinedStrExpr const*>(e)->values);
            break;
        case ExprKind::Constant: {
            auto* n = static_cast<ConstantExpr const*>(e);
            out += "Constant(value=";
            constant(n->value);
            if (n->kind_u)
                out += ", kind='u'";
            break;
        }
        case ExprKind::Attribute: {
            auto* n = static_cast<AttributeExpr const*>(e);
            out += "Attribute(value=";
            expr(n->value);
            out += ", attr=" + repr_str(n->attr) + ", ctx=" + ctx(n->ctx);
            break;
        }
        case ExprKind::Subscript: {
            auto* n = static_cast<SubscriptExpr const*>(e);
            out += "Subscript(value=";
            expr(n->value);
            out += ", slice=";
            expr(n->slice);
            out += ", ctx=";
            out += ctx(n->ctx);
            break;
        }
        case ExprKind::Starred: {
            auto* n = static_cast<StarredExpr const*>(e);
            out += "Starred(value=";
            expr(n->value);
            out += ", ctx=";
            out += ctx(n->ctx);
            break;
        }
        case ExprKind::Name: {
            auto* n = static_cast<NameExpr const*>(e);
            out += "Name(id=" + repr_str(n->id) + ", ctx=" + ctx(n->ctx);
            break;
        }
        case ExprKind::List: {
            auto* n = static_cast<ListExpr const*>(e);
            out += "List(elts=";
            exprs(n->elts);
            out += ", ctx=";
            out += ctx(n->ctx);
            break;
        }
        case ExprKind::Tuple: {
            auto* n = static_cast<TupleExpr const*>(e);
            out += "Tuple(elts=";
            exprs(n->elts);
            out += ", ctx=";
            out += ctx(n->ctx);
            break;
        }
        case ExprKind::Slice: {
            auto* n = static_cast<SliceExpr const*>(e);
            out += "Slice(";
            size_t mark = out.size();
            auto field = [&](char const* name, Expr const* x) {
                if (!x)
                    return;
                if (out.size() != mark)
                    out += ", ";
                out += name;
                out += '=';
                expr(x);
            };
            field("lower", n->lower);
            field("upper", n->upper);
            field("step", n->step);
            if (m_attrs) {
                if (out.size() == mark) {
                    std::string saved;
                    saved.swap(out);
                    loc(e->loc);
                    saved += out.substr(2);
                    out.swap(saved);
                } else {
                    loc(e->loc);
                }
            }
            out += ')';
            return;
        }
        }
        loc(e->loc);
        out += ')';
    }

    void pattern(Pattern const* p)
    {
        switch (p->kind) {
        case PatternKind::MatchValue:
            out += "MatchValue(value=";
            expr(static_cast<MatchValuePattern const*>(p)->value);
            break;
        case PatternKind::MatchSingleton:
            out += "MatchSingleton(value=";
            constant(static_cast<MatchSingletonPattern const*>(p)->value);
            break;
        case PatternKind::MatchSequence:
            out += "MatchSequence(patterns=";
            patterns(static_cast<MatchSequencePattern const*>(p)->patterns);
            break;
        case PatternKind::MatchMapping: {
            auto* n = static_cast<MatchMappingPattern const*>(p);
            out += "MatchMapping(keys=";
            exprs(n->keys);
            out += ", patterns=";
            patterns(n->patterns);
            if (!n->rest.empty())
                out += ", rest=" + repr_str(n->rest);
            break;
        }
        case PatternKind::MatchClass: {
            auto* n = static_cast<MatchClassPattern const*>(p);
            out += "MatchClass(cls=";
            expr(n->cls);
            out += ", patterns=";
            patterns(n->patterns);
            out += ", kwd_attrs=";
            names(n->kwd_attrs);
            out += ", kwd_patterns=";
            patterns(n->kwd_patterns);
            break;
        }
        case PatternKind::MatchStar: {
            auto* n = static_cast<MatchStarPattern const*>(p);
            out += "MatchStar(";
            if (!n->name.empty()) {
                out += "name=" + repr_str(n->name);
                loc(p->loc);
            } else {
                empty_loc(p->loc);
            }
            out += ')';
            return;
        }
        case PatternKind::MatchAs: {
            auto* n = static_cast<MatchAsPattern const*>(p);
            out += "MatchAs(";
            bool any = false;
            if (n->pattern) {
                out += "pattern=";
                pattern(n->pattern);
                any = true;
            }
            if (!n->name.empty()) {
                if (any)
                    out += ", ";
                out += "name=" + repr_str(n->name);
                any = true;
            }
            if (any)
                loc(p->loc);
            else
                empty_loc(p->loc);
            out += ')';
            return;
        }
        case PatternKind::MatchOr:
            out += "MatchOr(patterns=";
            patterns(static_cast<MatchOrPattern const*>(p)->patterns);
            break;
        }
        loc(p->loc);
        out += ')';
    }
    // Attributes of a node that printed no field: no leading ", ".
    void empty_loc(Loc const& l)
    {
        if (!m_attrs)
            return;
        out += "lineno=" + std::to_string(l.line) + ", col_offset=" + std::to_string(l.col)
            + ", end_lineno=" + std::to_string(l.end_line) + ", end_col_offset=" + std::to_string(l.end_col);
    }
    void patterns(PatternList const& l)
    {
        list(l, [&](Pattern* p) { pattern(p); });
    }

    void stmt(Stmt const* s)
    {
        switch (s->kind) {
        case StmtKind::FunctionDef: case StmtKind::AsyncFunctionDef: {
            auto* n = static_cast<FunctionDefStmt const*>(s);
            out += s->kind == StmtKind::FunctionDef ? "FunctionDef(name=" : "AsyncFunctionDef(name=";
            out += repr_str(n->name) + ", args=";
            arguments(n->args);
            out += ", body=";
            stmts(n->body);
            out += ", decorator_list=";
            exprs(n->decorator_list);
            opt_expr("returns", n->returns);
            break;
        }
        case StmtKind::ClassDef: {
            auto* n = static_cast<ClassDefStmt const*>(s);
            out += "ClassDef(name=" + repr_str(n->name) + ", bases=";
            exprs(n->bases);
            out += ", keywords=";
            keywords(n->keywords);
            out += ", body=";
            stmts(n->body);
            out += ", decorator_list=";
            exprs(n->decorator_list);
            break;
        }
        case StmtKind::Return: {
            auto* n = static_cast<ReturnStmt const*>(s);
            out += "Return(";
            if (n->value) {
                out += "value=";
                expr(n->value);
                loc(s->loc);
            } else {
                empty_loc(s->loc);
            }
            out += ')';
            return;
        }
        case StmtKind::Delete:
            out += "Delete(targets=";
            exprs(static_cast<DeleteStmt const*>(s)->targets);
            break;
        case StmtKind::Assign: {
            auto* n = static_cast<AssignStmt const*>(s);
            out += "Assign(targets=";
            exprs(n->targets);
            out += ", value=";
            expr(n->value);
            break;
        }
        case StmtKind::AugAssign: {
            auto* n = static_cast<AugAssignStmt const*>(s);
            out += "AugAssign(target=";
            expr(n->target);
            out += ", op=";
            out += op(n->op);
            out += ", value=";
            expr(n->value);
            break;
        }
        case StmtKind::AnnAssign: {
            auto* n = static_cast<AnnAssignStmt const*>(s);
            out += "AnnAssign(target=";
            expr(n->target);
            out += ", annotation=";
            expr(n->annotation);
            opt_expr("value", n->value);
            out += n->simple ? ", simple=1" : ", simple=0";
            break;
        }
        case StmtKind::For: case StmtKind::AsyncFor: {
            auto* n = static_cast<ForStmt const*>(s);
            out += s->kind == StmtKind::For ? "For(target=" : "AsyncFor(target=";
            expr(n->target);
            out += ", iter=";
            expr(n->iter);
            out += ", body=";
            stmts(n->body);
            out += ", orelse=";
            stmts(n->orelse);
            break;
        }
        case StmtKind::While: {
            auto* n = static_cast<WhileStmt const*>(s);
            out += "While(test=";
            expr(n->test);
            out += ", body=";
            stmts(n->body);
            out += ", orelse=";
            stmts(n->orelse);
            break;
        }
        case StmtKind::If: {
            auto* n = static_cast<IfStmt const*>(s);
            out += "If(test=";
            expr(n->test);
            out += ", body=";
            stmts(n->body);
            out += ", orelse=";
            stmts(n->orelse);
            break;
        }
        case StmtKind::With: case StmtKind::AsyncWith: {
            auto* n = static_cast<WithStmt const*>(s);
            out += s->kind == StmtKind::With ? "With(items=" : "AsyncWith(items=";
            list(n->items, [&](WithItem* w) {
                out += "withitem(context_expr=";
                expr(w->context_expr);
                opt_expr("optional_vars", w->optional_vars);
                out += ')';
            });
            out += ", body=";
            stmts(n->body);
            break;
        }
        case StmtKind::Match: {
            auto* n = static_cast<MatchStmt const*>(s);
            out += "Match(subject=";
            expr(n->subject);
            out += ", cases=";
            list(n->cases, [&](MatchCase* c) {
                out += "match_case(pattern=";
                pattern(c->pattern);
                opt_expr("guard", c->guard);
                out += ", body=";
                stmts(c->body);
                out += ')';
            });
            break;
        }
        case StmtKind::Raise: {
            auto* n = static_cast<RaiseStmt const*>(s);
            out += "Raise(";
            if (n->exc) {
                out += "exc=";
                expr(n->exc);
                opt_expr("cause", n->cause);
                loc(s->loc);
            } else if (n->cause) {
                out += "cause=";
                expr(n->cause);
                loc(s->loc);
            } else {
                empty_loc(s->loc);
            }
            out += ')';
            return;
        }
        case StmtKind::Try: case StmtKind::TryStar: {
            auto* n = static_cast<TryStmt const*>(s);
            out += s->kind == StmtKind::Try ? "Try(body=" : "TryStar(body=";
            stmts(n->body);
            out += ", handlers=";
            list(n->handlers, [&](ExceptHandler* h) {
                out += "ExceptHandler(";
                if (h->type) {
                    out += "type=";
                    expr(h->type);
                    out += ", ";
                }
                if (!h->name.empty())
                    out += "name=" + repr_str(h->name) + ", ";
                out += "body=";
                stmts(h->body);
                loc(h->loc);
                out += ')';
            });
            out += ", orelse=";
            stmts(n->orelse);
            out += ", finalbody=";
            stmts(n->finalbody);
            break;
        }
        case StmtKind::Assert: {
            auto* n = static_cast<AssertStmt const*>(s);
            out += "Assert(test=";
            expr(n->test);
            opt_expr("msg", n->msg);
            break;
        }
        case StmtKind::Import:
            out += "Import(names=";
            aliases(static_cast<ImportStmt const*>(s)->names);
            break;
        case StmtKind::ImportFrom: {
            auto* n = static_cast<ImportFromStmt const*>(s);
            out += "ImportFrom(";
            if (!n->module.empty())
                out += "module=" + repr_str(n->module) + ", ";
            out += "names=";
            aliases(n->names);
            out += ", level=" + std::to_string(n->level);
            break;
        }
        case StmtKind::Global:
            out += "Global(names=";
            names(static_cast<GlobalStmt const*>(s)->names);
            break;
        case StmtKind::Nonlocal:
            out += "Nonlocal(names=";
            names(static_cast<NonlocalStmt const*>(s)->names);
            break;
        case StmtKind::Expr:
            out += "Expr(value=";
            expr(static_cast<ExprStmt const*>(s)->value);
            break;
        case StmtKind::Pass: case StmtKind::Break: case StmtKind::Continue:
            out += s->kind == StmtKind::Pass ? "Pass(" : s->kind == StmtKind::Break ? "Break(" : "Continue(";
            empty_loc(s->loc);
            out += ')';
            return;
        }
        loc(s->loc);
        out += ')';
    }
    void aliases(std::vector<Alias*> const& l)
    {
        list(l, [&](Alias* a) {
            out += "alias(name=" + repr_str(a->name);
            if (!a->asname.empty())
                out += ", asname=" + repr_str(a->asname);
            loc(a->loc);
            out += ')';
        });
    }

private:
    bool m_attrs;
};

} // namespace

std::string ast_dump(Mod const* mod, bool include_attributes)
{
    Dumper d(include_attributes);
    switch (mod->kind) {
    case ModKind::Module:
        d.out += "Module(body=";
        d.stmts(mod->body);
        d.out += ", type_ignores=[])";
        break;
    case ModKind::Interactive:
        d.out += "Interactive(body=";
        d.stmts(mod->body);
        d.out += ')';
        break;
    case ModKind::Expression:
        d.out += "Expression(body=";
        d.expr(mod->expr);
        d.out += ')';
        break;
    }
    return d.out;
}

} // namespace pystm::compiler
