// Python AST objects (the _ast classes) back into the compiler's tree (ast.h): what compile()
// does with an ast.Module, ast.Expression or ast.Interactive.
//
// Two passes, as CPython's: this file is obj2ast, which checks the tree's *shape* (each field
// present and of the right kind, with CPython's TypeError / ValueError messages: 'required
// field "lineno" missing from stmt', "expected some sort of expr, but got 5", 'field "body" must
// be a list, not a int', "field 'value' is required for Expr", ...), and ast_validate.cpp then
// checks the *meaning* (contexts, empty bodies, counts), as CPython's Python/ast.c.
//
// A node's location attributes are read before its kind is known, as CPython does, so an
// object of the wrong kind without them reports the missing "lineno" first. Constants that the
// compiler's ConstantValue cannot hold are rebuilt as expressions of the same value: a tuple
// constant as a Tuple display of constants, a complex with a real part as a sum.
#include "base/common.h"
#include <cmath>
#include "modules/ast_module.h"
#include "objects/api.h"
#include "objects/bytes_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"

namespace pystm {

namespace {

using namespace ast;
using C = AstClass;

// Deeper trees raise RecursionError instead of exhausting the C++ stack.
constexpr int k_max_depth = 2000;

class FromPython {
public:
    explicit FromPython(Arena& arena) : m_arena(arena) { }

    Mod* mod(Value obj, compiler::ParseMode mode)
    {
        static C const required[] = { C::Module, C::Expression, C::Interactive };
        C want = required[int(mode)];
        if (!is_a(obj, want))
            raise(&exc::TypeError, "expected %s node, got %s", ast_class_name(want), type_name(obj).c_str());
        Mod* m = m_arena.make<Mod>();
        if (want == C::Module) {
            m->kind = ModKind::Module;
            m->body = stmt_list(obj, "body", "Module");
            // Checked for its shape only: type comments do not reach the compiler.
            list_field(obj, "type_ignores", "Module");
        } else if (want == C::Interactive) {
            m->kind = ModKind::Interactive;
            m->body = stmt_list(obj, "body", "Interactive");
        } else {
            m->kind = ModKind::Expression;
            m->expr = req_expr(obj, "body", "Expression");
        }
        return m;
    }

private:
    Arena& m_arena;
    int m_depth = 0;

    struct Depth {
        FromPython& self;
        char const* node;
        explicit Depth(FromPython& s, char const* n) : self(s), node(n)
        {
            if (++self.m_depth > k_max_depth) {
                self.m_depth = 0;
                raise(&exc::RecursionError, "maximum recursion depth exceeded while traversing '%s' node", n);
            }
        }
        ~Depth() { if (self.m_depth > 0) self.m_depth--; }
    };

    static bool is_a(Value v, C c) { return type_of(v)->is_subtype(ast_class(c)); }
    // The class among [first, last] (in PYSTM_AST_CLASSES order) that [v] is an instance of.
    static bool kind_in(Value v, C first, C last, C* out)
    {
        Type* t = type_of(v);
        for (size_t i = size_t(first); i <= size_t(last); i++) {
            if (t->is_subtype(ast_class(C(i)))) {
                *out = C(i);
                return true;
            }
        }
        return false;
    }
    [[noreturn]] static void expected(char const* what, Value v)
    {
        raise(&exc::TypeError, "expected some sort of %s, but got %s", what, repr_utf8(v).c_str());
    }

    // ---- fields ---------------------------------------------------------------------------
    // A required field: TypeError when the attribute is missing (it may be None).
    static Value field(Value obj, char const* name, char const* owner)
    {
        Value v = py_getattr_opt(obj, intern(name));
        if (!v)
            raise(&exc::TypeError, "required field \"%s\" missing from %s", name, owner);
        return v;
    }
    // An optional field: null when missing or None.
    static Value opt_field(Value obj, char const* name)
    {
        Value v = py_getattr_opt(obj, intern(name));
        return v && !is_none(v) ? v : Value();
    }
    [[noreturn]] static void required(char const* name, char const* owner)
    {
        raise(&exc::ValueError, "field '%s' is required for %s", name, owner);
    }
    static ListObject* list_field(Value obj, char const* name, char const* owner)
    {
        Value v = field(obj, name, owner);
        if (!is_list(v))
            raise(&exc::TypeError, "%s field \"%s\" must be a list, not a %s", owner, name, type_name(v).c_str());
        return v.as<ListObject>();
    }
    template <class T, class F> std::vector<T> seq(Value obj, char const* name, char const* owner, F each)
    {
        ListObject* l = list_field(obj, name, owner);
        int64_t n = list_size(l);
        std::vector<T> out;
        out.reserve(size_t(n));
        for (int64_t i = 0; i < n; i++) {
            Value item = list_get(l, i);
            Depth d(*this, owner);
            out.push_back(each(item));
            if (list_size(l) != n)
                raise(&exc::RuntimeError, "%s field \"%s\" changed size during iteration", owner, name);
        }
        return out;
    }

    static std::string identifier_value(Value v)
    {
        if (!is_exact_str(v))
            raise(&exc::TypeError, "AST identifier must be of type str");
        return str_utf8(v);
    }
    static std::string req_ident(Value obj, char const* name, char const* owner)
    {
        Value v = field(obj, name, owner);
        if (is_none(v))
            required(name, owner);
        return identifier_value(v);
    }
    static std::string opt_ident(Value obj, char const* name)
    {
        Value v = opt_field(obj, name);
        return v ? identifier_value(v) : std::string();
    }
    static int64_t int_value(Value v)
    {
        if (!is_int(v))
            raise(&exc::ValueError, "invalid integer value: %s", repr_utf8(v).c_str());
        int64_t i;
        if (!int_to_i64(v, &i) || i < INT32_MIN || i > INT32_MAX)
            raise(&exc::OverflowError, "Python int too large to convert to C int");
        return i;
    }
    static int64_t req_int(Value obj, char const* name, char const* owner)
    {
        return int_value(field(obj, name, owner));
    }
    static void opt_string(Value obj, char const* name)
    {
        Value v = opt_field(obj, name);
        if (v && !is_exact_str(v) && !is_bytes(v))
            raise(&exc::TypeError, "AST string must be of type str");
    }

    Loc loc(Value obj, char const* owner)
    {
        Loc l;
        l.line = int(req_int(obj, "lineno", owner));
        l.col = int(req_int(obj, "col_offset", owner));
        Value end_line = opt_field(obj, "end_lineno");
        l.end_line = end_line ? int(int_value(end_line)) : l.line;
        Value end_col = opt_field(obj, "end_col_offset");
        l.end_col = end_col ? int(int_value(end_col)) : l.col;
        return l;
    }

    Expr* req_expr(Value obj, char const* name, char const* owner)
    {
        Expr* e = expr(field(obj, name, owner));
        if (!e)
            required(name, owner);
        return e;
    }
    Expr* opt_expr(Value obj, char const* name)
    {
        Value v = opt_field(obj, name);
        return v ? expr(v) : nullptr;
    }
    ExprList expr_list(Value obj, char const* name, char const* owner)
    {
        return seq<Expr*>(obj, name, owner, [&](Value v) { return expr(v); });
    }
    StmtList stmt_list(Value obj, char const* name, char const* owner)
    {
        return seq<Stmt*>(obj, name, owner, [&](Value v) { return stmt(v); });
    }
    std::vector<std::string> ident_list(Value obj, char const* name, char const* owner)
    {
        return seq<std::string>(obj, name, owner, [&](Value v) {
            // A None identifier in a list stays an error for the validator to report.
            return is_none(v) ? std::string() : identifier_value(v);
        });
    }

    // ---- enumerations ---------------------------------------------------------------------
    static ExprContext ctx(Value obj, char const* owner)
    {
        Value v = field(obj, "ctx", owner);
        C c;
        if (!kind_in(v, C::Load, C::Del, &c))
            expected("expr_context", v);
        return c == C::Load ? ExprContext::Load : c == C::Store ? ExprContext::Store : ExprContext::Del;
    }
    static OperatorKind binop(Value v)
    {
        C c;
        if (!kind_in(v, C::Add, C::FloorDiv, &c))
            expected("operator", v);
        return OperatorKind(size_t(c) - size_t(C::Add));
    }
    static UnaryOpKind unaryop(Value v)
    {
        C c;
        if (!kind_in(v, C::Invert, C::USub, &c))
            expected("unaryop", v);
        return UnaryOpKind(size_t(c) - size_t(C::Invert));
    }
    static CmpOpKind cmpop(Value v)
    {
        C c;
        if (!kind_in(v, C::Eq, C::NotIn, &c))
            expected("cmpop", v);
        return CmpOpKind(size_t(c) - size_t(C::Eq));
    }

    // ---- constants ------------------------------------------------------------------------
    [[noreturn]] static void bad_constant(Value v)
    {
        raise(&exc::TypeError, "got an invalid type in Constant: %s", type_name(v).c_str());
    }
    // [v] as a ConstantValue; false for a value it cannot hold (a tuple, a complex with a real
    // part), which constant_expr() rebuilds.
    static bool constant_value(Value v, ConstantValue* out)
    {
        using K = ConstantValue::Kind;
        if (is_none(v)) {
            out->kind = K::None;
        } else if (v == Value(g_ellipsis)) {
            out->kind = K::Ellipsis;
        } else if (is_bool(v)) {
            out->kind = py_truthy(v) ? K::True : K::False;
        } else if (is_exact_int(v)) {
            out->kind = K::Int;
            out->text = int_to_decimal(v);
        } else if (is_exact_float(v)) {
            out->kind = K::Float;
            out->number = float_value(v);
        } else if (v.is_object() && v.as_object()->m_type == &complex_type) {
            double re, im;
            complex_value_opt(v, &re, &im);
            if (re != 0.0 || std::signbit(re))
                return false;
            out->kind = K::Complex;
            out->number = im;
        } else if (is_exact_str(v)) {
            out->kind = K::Str;
            out->text = str_utf8(v);
        } else if (v.is_object() && v.as_object()->m_type == &bytes_type) {
            out->kind = K::Bytes;
            out->text = std::string(v.as<BytesObject>()->view());
        } else if (v.is_object() && v.as_object()->m_type == &tuple_type) {
            return false;
        } else {
            bad_constant(v);
        }
        return true;
    }
    Expr* constant_expr(Value v, Loc const& l, bool kind_u)
    {
        auto* c = m_arena.make<ConstantExpr>();
        c->loc = l;
        c->kind_u = kind_u;
        if (constant_value(v, &c->value))
            return c;
        if (is_tuple(v)) {
            auto* t = m_arena.make<TupleExpr>();
            t->loc = l;
            TupleObject* tup = v.as<TupleObject>();
            for (int64_t i = 0; i < tup->m_size; i++)
                t->elts.push_back(constant_expr(tup->item(i), l, false));
            return t;
        }
        double re, im;
        complex_value_opt(v, &re, &im);
        auto* sum = m_arena.make<BinOpExpr>();
        sum->loc = l;
        sum->op = OperatorKind::Add;
        auto* left = m_arena.make<ConstantExpr>();
        left->loc = l;
        left->value.kind = ConstantValue::Kind::Float;
        left->value.number = re;
        auto* right = m_arena.make<ConstantExpr>();
        right->loc = l;
        right->value.kind = ConstantValue::Kind::Complex;
        right->value.number = im;
        sum->left = left;
        sum->right = right;
        return sum;
    }

    // ---- nodes ----------------------------------------------------------------------------
    Keyword* keyword(Value v)
    {
        if (is_none(v))
            return nullptr;
        Loc l = loc(v, "keyword");
        if (!is_a(v, C::keyword))
            expected("keyword", v);
        auto* k = m_arena.make<Keyword>();
        k->arg = opt_ident(v, "arg");
        k->value = req_expr(v, "value", "keyword");
        k->loc = l;
        return k;
    }
    std::vector<Keyword*> keyword_list(Value obj, char const* owner)
    {
        return seq<Keyword*>(obj, "keywords", owner, [&](Value v) { return keyword(v); });
    }
    Arg* arg(Value v)
    {
        if (is_none(v))
            return nullptr;
        Loc l = loc(v, "arg");
        if (!is_a(v, C::arg))
            expected("arg", v);
        auto* a = m_arena.make<Arg>();
        a->arg = req_ident(v, "arg", "arg");
        a->annotation = opt_expr(v, "annotation");
        opt_string(v, "type_comment");
        a->loc = l;
        return a;
    }
    std::vector<Arg*> arg_list(Value obj, char const* name)
    {
        return seq<Arg*>(obj, name, "arguments", [&](Value v) { return arg(v); });
    }
    Arguments* arguments(Value obj, char const* name, char const* owner)
    {
        Value v = field(obj, name, owner);
        if (is_none(v))
            required(name, owner);
        if (!is_a(v, C::arguments))
            expected("arguments", v);
        auto* a = m_arena.make<Arguments>();
        a->posonlyargs = arg_list(v, "posonlyargs");
        a->args = arg_list(v, "args");
        Value va = opt_field(v, "vararg");
        a->vararg = va ? arg(va) : nullptr;
        a->kwonlyargs = arg_list(v, "kwonlyargs");
        a->kw_defaults = expr_list(v, "kw_defaults", "arguments");
        Value ka = opt_field(v, "kwarg");
        a->kwarg = ka ? arg(ka) : nullptr;
        a->defaults = expr_list(v, "defaults", "arguments");
        return a;
    }
    std::vector<Comprehension*> generators(Value obj, char const* owner)
    {
        return seq<Comprehension*>(obj, "generators", owner, [&](Value v) -> Comprehension* {
            if (is_none(v))
                return nullptr;
            if (!is_a(v, C::comprehension))
                expected("comprehension", v);
            auto* c = m_arena.make<Comprehension>();
            c->target = req_expr(v, "target", "comprehension");
            c->iter = req_expr(v, "iter", "comprehension");
            c->ifs = expr_list(v, "ifs", "comprehension");
            c->is_async = req_int(v, "is_async", "comprehension") != 0;
            return c;
        });
    }
    Alias* alias(Value v)
    {
        if (is_none(v))
            return nullptr;
        Loc l = loc(v, "alias");
        if (!is_a(v, C::alias))
            expected("alias", v);
        auto* a = m_arena.make<Alias>();
        a->name = req_ident(v, "name", "alias");
        a->asname = opt_ident(v, "asname");
        a->loc = l;
        return a;
    }

    Expr* expr(Value v);
    Stmt* stmt(Value v);
    Pattern* pattern(Value v);
    PatternList pattern_list(Value obj, char const* name, char const* owner)
    {
        return seq<Pattern*>(obj, name, owner, [&](Value v) { return pattern(v); });
    }
    Pattern* req_pattern(Value obj, char const* name, char const* owner)
    {
        Pattern* p = pattern(field(obj, name, owner));
        if (!p)
            required(name, owner);
        return p;
    }
};

Expr* FromPython::expr(Value v)
{
    if (is_none(v))
        return nullptr;
    Loc l = loc(v, "expr");
    C c;
    if (!kind_in(v, C::BoolOp, C::Slice, &c))
        expected("expr", v);
    char const* name = ast_class_name(c);
    Depth depth(*this, name);
    Expr* out = nullptr;
    switch (c) {
    case C::BoolOp: {
        auto* x = m_arena.make<BoolOpExpr>();
        Value op = field(v, "op", name);
        if (is_a(op, C::And))
            x->op = BoolOpKind::And;
        else if (is_a(op, C::Or))
            x->op = BoolOpKind::Or;
        else
            expected("boolop", op);
        x->values = expr_list(v, "values", name);
        out = x;
        break;
    }
    case C::NamedExpr: {
        auto* x = m_arena.make<NamedExprExpr>();
        x->target = req_expr(v, "target", name);
        x->value = req_expr(v, "value", name);
        out = x;
        break;
    }
    case C::BinOp: {
        auto* x = m_arena.make<BinOpExpr>();
        x->left = req_expr(v, "left", name);
        x->op = binop(field(v, "op", name));
        x->right = req_expr(v, "right", name);
        out = x;
        break;
    }
    case C::UnaryOp: {
        auto* x = m_arena.make<UnaryOpExpr>();
        x->op = unaryop(field(v, "op", name));
        x->operand = req_expr(v, "operand", name);
        out = x;
        break;
    }
    case C::Lambda: {
        auto* x = m_arena.make<LambdaExpr>();
        x->args = arguments(v, "args", name);
        x->body = req_expr(v, "body", name);
        out = x;
        break;
    }
    case C::IfExp: {
        auto* x = m_arena.make<IfExpExpr>();
        x->test = req_expr(v, "test", name);
        x->body = req_expr(v, "body", name);
        x->orelse = req_expr(v, "orelse", name);
        out = x;
        break;
    }
    case C::Dict: {
        auto* x = m_arena.make<DictExpr>();
        x->keys = expr_list(v, "keys", name);
        x->values = expr_list(v, "values", name);
        out = x;
        break;
    }
    case C::Set: {
        auto* x = m_arena.make<SetExpr>();
        x->elts = expr_list(v, "elts", name);
        out = x;
        break;
    }
    case C::ListComp: {
        auto* x = m_arena.make<ListCompExpr>();
        x->elt = req_expr(v, "elt", name);
        x->generators = generators(v, name);
        out = x;
        break;
    }
    case C::SetComp: {
        auto* x = m_arena.make<SetCompExpr>();
        x->elt = req_expr(v, "elt", name);
        x->generators = generators(v, name);
        out = x;
        break;
    }
    case C::GeneratorExp: {
        auto* x = m_arena.make<GeneratorExpExpr>();
        x->elt = req_expr(v, "elt", name);
        x->generators = generators(v, name);
        out = x;
        break;
    }
    case C::DictComp: {
        auto* x = m_arena.make<DictCompExpr>();
        x->key = req_expr(v, "key", name);
        x->value = req_expr(v, "value", name);
        x->generators = generators(v, name);
        out = x;
        break;
    }
    case C::Await: {
        auto* x = m_arena.make<AwaitExpr>();
        x->value = req_expr(v, "value", name);
        out = x;
        break;
    }
    case C::Yield: {
        auto* x = m_arena.make<YieldExpr>();
        x->value = opt_expr(v, "value");
        out = x;
        break;
    }
    case C::YieldFrom: {
        auto* x = m_arena.make<YieldFromExpr>();
        x->value = req_expr(v, "value", name);
        out = x;
        break;
    }
    case C::Compare: {
        auto* x = m_arena.make<CompareExpr>();
        x->left = req_expr(v, "left", name);
        x->ops = seq<CmpOpKind>(v, "ops", name, [&](Value op) { return cmpop(op); });
        x->comparators = expr_list(v, "comparators", name);
        out = x;
        break;
    }
    case C::Call: {
        auto* x = m_arena.make<CallExpr>();
        x->func = req_expr(v, "func", name);
        x->args = expr_list(v, "args", name);
        x->keywords = keyword_list(v, name);
        out = x;
        break;
    }
    case C::FormattedValue: {
        auto* x = m_arena.make<FormattedValueExpr>();
        x->value = req_expr(v, "value", name);
        x->conversion = int(req_int(v, "conversion", name));
        x->format_spec = opt_expr(v, "format_spec");
        out = x;
        break;
    }
    case C::JoinedStr: {
        auto* x = m_arena.make<JoinedStrExpr>();
        x->values = expr_list(v, "values", name);
        out = x;
        break;
    }
    case C::Constant: {
        Value value = field(v, "value", name);
        opt_string(v, "kind");
        Value kind = opt_field(v, "kind");
        bool kind_u = kind && is_str(kind) && str_utf8(kind) == "u";
        return constant_expr(value, l, kind_u);
    }
    case C::Attribute: {
        auto* x = m_arena.make<AttributeExpr>();
        x->value = req_expr(v, "value", name);
        x->attr = req_ident(v, "attr", name);
        x->ctx = ctx(v, name);
        out = x;
        break;
    }
    case C::Subscript: {
        auto* x = m_arena.make<SubscriptExpr>();
        x->value = req_expr(v, "value", name);
        x->slice = req_expr(v, "slice", name);
        x->ctx = ctx(v, name);
        out = x;
        break;
    }
    case C::Starred: {
        auto* x = m_arena.make<StarredExpr>();
        x->value = req_expr(v, "value", name);
        x->ctx = ctx(v, name);
        out = x;
        break;
    }
    case C::Name: {
        auto* x = m_arena.make<NameExpr>();
        x->id = req_ident(v, "id", name);
        x->ctx = ctx(v, name);
        out = x;
        break;
    }
    case C::List: {
        auto* x = m_arena.make<ListExpr>();
        x->elts = expr_list(v, "elts", name);
        x->ctx = ctx(v, name);
        out = x;
        break;
    }
    case C::Tuple: {
        auto* x = m_arena.make<TupleExpr>();
        x->elts = expr_list(v, "elts", name);
        x->ctx = ctx(v, name);
        out = x;
        break;
    }
    case C::Slice: {
        auto* x = m_arena.make<SliceExpr>();
        x->lower = opt_expr(v, "lower");
        x->upper = opt_expr(v, "upper");
        x->step = opt_expr(v, "step");
        out = x;
        break;
    }
    default:
        expected("expr", v);
    }
    out->loc = l;
    return out;
}

Pattern* FromPython::pattern(Value v)
{
    if (is_none(v))
        return nullptr;
    Loc l = loc(v, "pattern");
    C c;
    if (!kind_in(v, C::MatchValue, C::MatchOr, &c))
        expected("pattern", v);
    char const* name = ast_class_name(c);
    Depth depth(*this, name);
    Pattern* out = nullptr;
    switch (c) {
    case C::MatchValue: {
        auto* x = m_arena.make<MatchValuePattern>();
        x->value = req_expr(v, "value", name);
        out = x;
        break;
    }
    case C::MatchSingleton: {
        auto* x = m_arena.make<MatchSingletonPattern>();
        Value value = field(v, "value", name);
        if (!is_none(value) && !is_bool(value))
            raise(&exc::ValueError, "MatchSingleton can only contain True, False and None");
        constant_value(value, &x->value);
        out = x;
        break;
    }
    case C::MatchSequence: {
        auto* x = m_arena.make<MatchSequencePattern>();
        x->patterns = pattern_list(v, "patterns", name);
        out = x;
        break;
    }
    case C::MatchMapping: {
        auto* x = m_arena.make<MatchMappingPattern>();
        x->keys = expr_list(v, "keys", name);
        x->patterns = pattern_list(v, "patterns", name);
        x->rest = opt_ident(v, "rest");
        out = x;
        break;
    }
    case C::MatchClass: {
        auto* x = m_arena.make<MatchClassPattern>();
        x->cls = req_expr(v, "cls", name);
        x->patterns = pattern_list(v, "patterns", name);
        x->kwd_attrs = ident_list(v, "kwd_attrs", name);
        x->kwd_patterns = pattern_list(v, "kwd_patterns", name);
        out = x;
        break;
    }
    case C::MatchStar: {
        auto* x = m_arena.make<MatchStarPattern>();
        x->name = opt_ident(v, "name");
        out = x;
        break;
    }
    case C::MatchAs: {
        auto* x = m_arena.make<MatchAsPattern>();
        Value p = opt_field(v, "pattern");
        x->pattern = p ? pattern(p) : nullptr;
        x->name = opt_ident(v, "name");
        out = x;
        break;
    }
    case C::MatchOr: {
        auto* x = m_arena.make<MatchOrPattern>();
        x->patterns = pattern_list(v, "patterns", name);
        out = x;
        break;
    }
    default:
        expected("pattern", v);
    }
    out->loc = l;
    return out;
}

Stmt* FromPython::stmt(Value v)
{
    if (is_none(v))
        return nullptr;
    Loc l = loc(v, "stmt");
    C c;
    if (!kind_in(v, C::FunctionDef, C::Continue, &c))
        expected("stmt", v);
    char const* name = ast_class_name(c);
    Depth depth(*this, name);
    Stmt* out = nullptr;
    switch (c) {
    case C::FunctionDef:
    case C::AsyncFunctionDef: {
        auto* x = m_arena.make<FunctionDefStmt>(c == C::AsyncFunctionDef);
        x->name = req_ident(v, "name", name);
        x->args = arguments(v, "args", name);
        x->body = stmt_list(v, "body", name);
        x->decorator_list = expr_list(v, "decorator_list", name);
        x->returns = opt_expr(v, "returns");
        opt_string(v, "type_comment");
        out = x;
        break;
    }
    case C::ClassDef: {
        auto* x = m_arena.make<ClassDefStmt>();
        x->name = req_ident(v, "name", name);
        x->bases = expr_list(v, "bases", name);
        x->keywords = keyword_list(v, name);
        x->body = stmt_list(v, "body", name);
        x->decorator_list = expr_list(v, "decorator_list", name);
        out = x;
        break;
    }
    case C::Return: {
        auto* x = m_arena.make<ReturnStmt>();
        x->value = opt_expr(v, "value");
        out = x;
        break;
    }
    case C::Delete: {
        auto* x = m_arena.make<DeleteStmt>();
        x->targets = expr_list(v, "targets", name);
        out = x;
        break;
    }
    case C::Assign: {
        auto* x = m_arena.make<AssignStmt>();
        x->targets = expr_list(v, "targets", name);
        x->value = req_expr(v, "value", name);
        opt_string(v, "type_comment");
        out = x;
        break;
    }
    case C::AugAssign: {
        auto* x = m_arena.make<AugAssignStmt>();
        x->target = req_expr(v, "target", name);
        x->op = binop(field(v, "op", name));
        x->value = req_expr(v, "value", name);
        out = x;
        break;
    }
    case C::AnnAssign: {
        auto* x = m_arena.make<AnnAssignStmt>();
        x->target = req_expr(v, "target", name);
        x->annotation = req_expr(v, "annotation", name);
        x->value = opt_expr(v, "value");
        x->simple = req_int(v, "simple", name) != 0;
        out = x;
        break;
    }
    case C::For:
    case C::AsyncFor: {
        auto* x = m_arena.make<ForStmt>(c == C::AsyncFor);
        x->target = req_expr(v, "target", name);
        x->iter = req_expr(v, "iter", name);
        x->body = stmt_list(v, "body", name);
        x->orelse = stmt_list(v, "orelse", name);
        opt_string(v, "type_comment");
        out = x;
        break;
    }
    case C::While: {
        auto* x = m_arena.make<WhileStmt>();
        x->test = req_expr(v, "test", name);
        x->body = stmt_list(v, "body", name);
        x->orelse = stmt_list(v, "orelse", name);
        out = x;
        break;
    }
    case C::If: {
        auto* x = m_arena.make<IfStmt>();
        x->test = req_expr(v, "test", name);
        x->body = stmt_list(v, "body", name);
        x->orelse = stmt_list(v, "orelse", name);
        out = x;
        break;
    }
    case C::With:
    case C::AsyncWith: {
        auto* x = m_arena.make<WithStmt>(c == C::AsyncWith);
        x->items = seq<WithItem*>(v, "items", name, [&](Value w) -> WithItem* {
            if (is_none(w))
                return nullptr;
            if (!is_a(w, C::withitem))
                expected("withitem", w);
            auto* item = m_arena.make<WithItem>();
            item->context_expr = req_expr(w, "context_expr", "withitem");
            item->optional_vars = opt_expr(w, "optional_vars");
            return item;
        });
        x->body = stmt_list(v, "body", name);
        opt_string(v, "type_comment");
        out = x;
        break;
    }
    case C::Match: {
        auto* x = m_arena.make<MatchStmt>();
        x->subject = req_expr(v, "subject", name);
        x->cases = seq<MatchCase*>(v, "cases", name, [&](Value mc) -> MatchCase* {
            if (is_none(mc))
                return nullptr;
            if (!is_a(mc, C::match_case))
                expected("match_case", mc);
            auto* m = m_arena.make<MatchCase>();
            m->pattern = req_pattern(mc, "pattern", "match_case");
            m->guard = opt_expr(mc, "guard");
            m->body = stmt_list(mc, "body", "match_case");
            return m;
        });
        out = x;
        break;
    }
    case C::Raise: {
        auto* x = m_arena.make<RaiseStmt>();
        x->exc = opt_expr(v, "exc");
        x->cause = opt_expr(v, "cause");
        out = x;
        break;
    }
    case C::Try:
    case C::TryStar: {
        auto* x = m_arena.make<TryStmt>(c == C::TryStar);
        x->body = stmt_list(v, "body", name);
        x->handlers = seq<ExceptHandler*>(v, "handlers", name, [&](Value h) -> ExceptHandler* {
            if (is_none(h))
                return nullptr;
            Loc hl = loc(h, "excepthandler");
            if (!is_a(h, C::ExceptHandler))
                expected("excepthandler", h);
            auto* eh = m_arena.make<ExceptHandler>();
            eh->type = opt_expr(h, "type");
            eh->name = opt_ident(h, "name");
            eh->body = stmt_list(h, "body", "ExceptHandler");
            eh->loc = hl;
            return eh;
        });
        x->orelse = stmt_list(v, "orelse", name);
        x->finalbody = stmt_list(v, "finalbody", name);
        out = x;
        break;
    }
    case C::Assert: {
        auto* x = m_arena.make<AssertStmt>();
        x->test = req_expr(v, "test", name);
        x->msg = opt_expr(v, "msg");
        out = x;
        break;
    }
    case C::Import: {
        auto* x = m_arena.make<ImportStmt>();
        x->names = seq<Alias*>(v, "names", name, [&](Value a) { return alias(a); });
        out = x;
        break;
    }
    case C::ImportFrom: {
        auto* x = m_arena.make<ImportFromStmt>();
        x->module = opt_ident(v, "module");
        x->names = seq<Alias*>(v, "names", name, [&](Value a) { return alias(a); });
        Value level = opt_field(v, "level");
        x->level = level ? int(int_value(level)) : 0;
        out = x;
        break;
    }
    case C::Global: {
        auto* x = m_arena.make<GlobalStmt>();
        x->names = ident_list(v, "names", name);
        out = x;
        break;
    }
    case C::Nonlocal: {
        auto* x = m_arena.make<NonlocalStmt>();
        x->names = ident_list(v, "names", name);
        out = x;
        break;
    }
    case C::Expr: {
        auto* x = m_arena.make<ExprStmt>();
        x->value = req_expr(v, "value", name);
        out = x;
        break;
    }
    case C::Pass:
        out = m_arena.make<PassStmt>();
        break;
    case C::Break:
        out = m_arena.make<BreakStmt>();
        break;
    case C::Continue:
        out = m_arena.make<ContinueStmt>();
        break;
    default:
        expected("stmt", v);
    }
    out->loc = l;
    return out;
}

} // namespace

Mod* ast_from_python(Arena& arena, Value obj, compiler::ParseMode mode)
{
    ast_classes_ready();
    Mod* mod = FromPython(arena).mod(obj, mode);
    ast_validate(mod);
    return mod;
}

} // namespace pystm
