// Expression rules of the Python 3.11 grammar, from star_expressions down to atoms, plus
// assignment-target validation and its CPython error messages.
//
// Invariant PAR-1 (locations): every node spans from its first token to the last
// non-whitespace token consumed; a parenthesised expression keeps its inner location, a
// parenthesised tuple or generator expression includes the brackets.
#include "compiler/parser_internal.h"

#include <cstdlib>

namespace pystm::compiler {

using namespace ast;

namespace {

bool is_comp_op(Parser& p, CmpOpKind& op, int& ntok)
{
    Token const& t = p.peek();
    ntok = 1;
    if (t.type == TokType::Op) {
        switch (t.op) {
        case Op::EqEqual: op = CmpOpKind::Eq; return true;
        case Op::NotEqual:
            // "<>" is only an operator under "from __future__ import barry_as_FLUFL".
            if (p.text(t) == "<>")
                return false;
            op = CmpOpKind::NotEq;
            return true;
        case Op::Less: op = CmpOpKind::Lt; return true;
        case Op::LessEqual: op = CmpOpKind::LtE; return true;
        case Op::Greater: op = CmpOpKind::Gt; return true;
        case Op::GreaterEqual: op = CmpOpKind::GtE; return true;
        default: return false;
        }
    }
    if (t.type != TokType::Name)
        return false;
    if (t.kw == Kw::In) {
        op = CmpOpKind::In;
        return true;
    }
    if (t.kw == Kw::Not && p.at_kw(Kw::In, 1)) {
        op = CmpOpKind::NotIn;
        ntok = 2;
        return true;
    }
    if (t.kw == Kw::Is) {
        if (p.at_kw(Kw::Not, 1)) {
            op = CmpOpKind::IsNot;
            ntok = 2;
        } else {
            op = CmpOpKind::Is;
        }
        return true;
    }
    return false;
}

} // namespace

bool Parser::starts_expression(size_t k)
{
    Token const& t = peek(k);
    switch (t.type) {
    case TokType::Name:
        switch (t.kw) {
        case Kw::None: case Kw::True: case Kw::False: case Kw::NoneKw: case Kw::Lambda:
        case Kw::Await: case Kw::Not:
            return true;
        default:
            return false;
        }
    case TokType::Number: case TokType::String:
        return true;
    case TokType::Op:
        switch (t.op) {
        case Op::LPar: case Op::LSqb: case Op::LBrace: case Op::Minus: case Op::Plus:
        case Op::Tilde: case Op::Ellipsis:
            return true;
        default:
            return false;
        }
    default:
        return false;
    }
}

// invalid_expression: two expressions in a row inside brackets.
void Parser::check_missing_comma(Expr* a, Token const& first)
{
    if (m_pos == 0 || m_tokens[m_pos - 1].level == 0 || !starts_expression())
        return;
    if (first.type == TokType::Name && first.kw == Kw::None) {
        Token const& second = m_tokens[std::min(m_tokens.size() - 1, size_t(&first - m_tokens.data()) + 1)];
        if (second.type == TokType::String)
            return;
        std::string_view s = text(first);
        if (s == "match" || s == "case" || s == "_")
            return;
        if (a->kind == ExprKind::Name && (s == "print" || s == "exec"))
            return;
    }
    size_t save = m_pos, save_max = m_max;
    int sl = m_end_line, sc = m_end_col;
    Expr* b = nullptr;
    try {
        b = parse_expression();
    } catch (SyntaxErrorException&) {
        if (m_tokenizer_error)
            throw;
        b = nullptr;
    }
    if (b)
        error_range(a->loc, b->loc, "invalid syntax. Perhaps you forgot a comma?");
    m_pos = save;
    m_max = save_max;
    m_end_line = sl;
    m_end_col = sc;
}

Expr* Parser::parse_star_expressions()
{
    Pos start = start_pos();
    Expr* first = parse_star_expression();
    if (!at_op(Op::Comma))
        return first;
    auto* t = m_arena.make<TupleExpr>();
    t->elts.push_back(first);
    while (accept_op(Op::Comma)) {
        if (!starts_expression() && !at_op(Op::Star) && !at_name() && !at_kw(Kw::Yield))
            break;
        if (at_kw(Kw::Yield))
            break;
        t->elts.push_back(parse_star_expression());
    }
    t->loc = loc_from(start);
    return t;
}

Expr* Parser::parse_star_expression()
{
    if (at_op(Op::Star)) {
        Pos start = start_pos();
        advance();
        auto* s = m_arena.make<StarredExpr>();
        s->value = parse_bitwise_or();
        s->loc = loc_from(start);
        return s;
    }
    return parse_expression();
}

Expr* Parser::parse_star_named_expression()
{
    if (at_op(Op::Star)) {
        Pos start = start_pos();
        advance();
        auto* s = m_arena.make<StarredExpr>();
        s->value = parse_bitwise_or();
        s->loc = loc_from(start);
        return s;
    }
    return parse_named_expression();
}

Expr* Parser::parse_named_expression()
{
    if (at_name() && at_op(Op::ColonEqual, 1)) {
        Pos start = start_pos();
        Token const& nt = advance();
        advance();
        auto* target = make_at<NameExpr>(ast::Loc { nt.line, nt.col, nt.end_line, nt.end_col });
        target->id = name_of(nt);
        target->ctx = ExprContext::Store;
        auto* n = m_arena.make<NamedExprExpr>();
        n->target = target;
        n->value = parse_expression();
        n->loc = loc_from(start);
        return n;
    }
    Token const& first = peek();
    size_t first_index = m_pos;
    Expr* e = parse_expression();
    if (at_op(Op::ColonEqual)) {
        error_node(e->loc, std::string("cannot use assignment expressions with ") + expr_name(e));
    }
    if (at_op(Op::Equal) && !at_op(Op::Equal, 1) && !at_op(Op::ColonEqual, 1)) {
        // invalid_named_expression: "x = 1" where an expression is expected.
        bool excluded = e->kind == ExprKind::List || e->kind == ExprKind::Tuple
            || e->kind == ExprKind::GeneratorExp
            || (first.type == TokType::Name && (first.kw == Kw::True || first.kw == Kw::False || first.kw == Kw::NoneKw));
        bool is_bitwise_or = !(e->kind == ExprKind::BoolOp || e->kind == ExprKind::Compare
            || e->kind == ExprKind::IfExp || e->kind == ExprKind::Lambda
            || (e->kind == ExprKind::UnaryOp && static_cast<UnaryOpExpr*>(e)->op == UnaryOpKind::Not));
        if (is_bitwise_or) {
            size_t save = m_pos, save_max = m_max;
            int sl = m_end_line, sc = m_end_col;
            advance();
            Expr* b = nullptr;
            try {
                if (starts_expression() || at_name() || at_op(Op::Star))
                    b = parse_bitwise_or();
            } catch (SyntaxErrorException&) {
                if (m_tokenizer_error)
                    throw;
            }
            if (b && !at_op(Op::Equal) && !at_op(Op::ColonEqual)) {
                if (e->kind == ExprKind::Name && m_tokens[first_index].type == TokType::Name)
                    error_range(e->loc, b->loc, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
                if (!excluded)
                    error_node(e->loc, std::string("cannot assign to ") + expr_name(e)
                            + " here. Maybe you meant '==' instead of '='?");
            }
            m_pos = save;
            m_max = save_max;
            m_end_line = sl;
            m_end_col = sc;
        }
    }
    return e;
}

Expr* Parser::parse_expressions()
{
    Pos start = start_pos();
    Expr* first = parse_expression();
    if (!at_op(Op::Comma))
        return first;
    auto* t = m_arena.make<TupleExpr>();
    t->elts.push_back(first);
    while (accept_op(Op::Comma)) {
        if (!starts_expression() && !at_name())
            break;
        t->elts.push_back(parse_expression());
    }
    t->loc = loc_from(start);
    return t;
}

Expr* Parser::parse_expression()
{
    DepthGuard guard(*this);
    if (at_kw(Kw::Lambda))
        return parse_lambda();
    Pos start = start_pos();
    Token const& first = peek();
    Expr* a = parse_disjunction();
    if (at_kw(Kw::If)) {
        advance();
        Expr* test = parse_disjunction();
        if (!at_kw(Kw::Else)) {
            if (!at_op(Op::Colon))
                error_range(a->loc, test->loc, "expected 'else' after 'if' expression");
            fail();
        }
        advance();
        auto* n = m_arena.make<IfExpExpr>();
        n->body = a;
        n->test = test;
        n->orelse = parse_expression();
        n->loc = loc_from(start);
        return n;
    }
    check_missing_comma(a, first);
    return a;
}

Expr* Parser::parse_yield_expr()
{
    Pos start = start_pos();
    advance(); // 'yield'
    if (accept_kw(Kw::From)) {
        auto* y = m_arena.make<YieldFromExpr>();
        y->value = parse_expression();
        y->loc = loc_from(start);
        return y;
    }
    auto* y = m_arena.make<YieldExpr>();
    if (starts_expression() || at_name() || at_op(Op::Star))
        y->value = parse_star_expressions();
    y->loc = loc_from(start);
    return y;
}

// disjunction: conjunction ('or' conjunction)*; conjunction: inversion ('and' inversion)*.
Expr* Parser::parse_bool_op(Kw keyword, BoolOpKind kind, Expr* (Parser::*operand)())
{
    Pos start = start_pos();
    Expr* a = (this->*operand)();
    if (!at_kw(keyword))
        return a;
    auto* b = m_arena.make<BoolOpExpr>();
    b->op = kind;
    b->values.push_back(a);
    while (accept_kw(keyword))
        b->values.push_back((this->*operand)());
    b->loc = loc_from(start);
    return b;
}

Expr* Parser::parse_disjunction() { return parse_bool_op(Kw::Or, BoolOpKind::Or, &Parser::parse_conjunction); }

Expr* Parser::parse_conjunction() { return parse_bool_op(Kw::And, BoolOpKind::And, &Parser::parse_inversion); }

Expr* Parser::parse_inversion()
{
    if (at_kw(Kw::Not)) {
        DepthGuard guard(*this);
        Pos start = start_pos();
        advance();
        auto* u = m_arena.make<UnaryOpExpr>();
        u->op = UnaryOpKind::Not;
        u->operand = parse_inversion();
        u->loc = loc_from(start);
        return u;
    }
    return parse_comparison();
}

Expr* Parser::parse_comparison()
{
    Pos start = start_pos();
    Expr* a = parse_bitwise_or();
    CmpOpKind op;
    int ntok;
    if (!is_comp_op(*this, op, ntok))
        return a;
    auto* c = m_arena.make<CompareExpr>();
    c->left = a;
    while (is_comp_op(*this, op, ntok)) {
        for (int i = 0; i < ntok; i++)
            advance();
        c->ops.push_back(op);
        c->comparators.push_back(parse_bitwise_or());
    }
    c->loc = loc_from(start);
    return c;
}

Expr* Parser::parse_bitwise_or() { return parse_binary(0); }

Expr* Parser::parse_binary(int level)
{
    if (level == 6)
        return parse_factor();
    Pos start = start_pos();
    Expr* left = parse_binary(level + 1);
    for (;;) {
        Token const& t = peek();
        if (t.type != TokType::Op)
            return left;
        OperatorKind op;
        switch (level) {
        case 0:
            if (t.op != Op::VBar)
                return left;
            op = OperatorKind::BitOr;
            break;
        case 1:
            if (t.op != Op::Circumflex)
                return left;
            op = OperatorKind::BitXor;
            break;
        case 2:
            if (t.op != Op::Amper)
                return left;
            op = OperatorKind::BitAnd;
            break;
        case 3:
            if (t.op == Op::LeftShift)
                op = OperatorKind::LShift;
            else if (t.op == Op::RightShift)
                op = OperatorKind::RShift;
            else
                return left;
            break;
        case 4:
            if (t.op == Op::Plus)
                op = OperatorKind::Add;
            else if (t.op == Op::Minus)
                op = OperatorKind::Sub;
            else
                return left;
            break;
        default:
            switch (t.op) {
            case Op::Star: op = OperatorKind::Mult; break;
            case Op::Slash: op = OperatorKind::Div; break;
            case Op::DoubleSlash: op = OperatorKind::FloorDiv; break;
            case Op::Percent: op = OperatorKind::Mod; break;
            case Op::At: op = OperatorKind::MatMult; break;
            default: return left;
            }
        }
        advance();
        auto* b = m_arena.make<BinOpExpr>();
        b->left = left;
        b->op = op;
        b->right = parse_binary(level + 1);
        b->loc = loc_from(start);
        left = b;
    }
}

Expr* Parser::parse_factor()
{
    Token const& t = peek();
    if (t.type == TokType::Op && (t.op == Op::Plus || t.op == Op::Minus || t.op == Op::Tilde)) {
        DepthGuard guard(*this);
        Pos start = start_pos();
        advance();
        auto* u = m_arena.make<UnaryOpExpr>();
        u->op = t.op == Op::Plus ? UnaryOpKind::UAdd : t.op == Op::Minus ? UnaryOpKind::USub : UnaryOpKind::Invert;
        u->operand = parse_factor();
        u->loc = loc_from(start);
        return u;
    }
    return parse_power();
}

Expr* Parser::parse_power()
{
    Pos start = start_pos();
    Expr* a = parse_primary(true);
    if (at_op(Op::DoubleStar)) {
        DepthGuard guard(*this);
        advance();
        auto* b = m_arena.make<BinOpExpr>();
        b->left = a;
        b->op = OperatorKind::Pow;
        b->right = parse_factor();
        b->loc = loc_from(start);
        return b;
    }
    return a;
}

Expr* Parser::parse_primary(bool allow_await)
{
    Pos start = start_pos();
    if (allow_await && at_kw(Kw::Await)) {
        DepthGuard guard(*this);
        advance();
        auto* a = m_arena.make<AwaitExpr>();
        a->value = parse_primary(false);
        a->loc = loc_from(start);
        return a;
    }
    Expr* e = parse_atom();
    for (;;) {
        Token const& t = peek();
        if (t.type != TokType::Op)
            return e;
        if (t.op == Op::Dot) {
            advance();
            if (!at_name() && !(peek().type == TokType::Name))
                fail();
            Token const& nt = peek();
            if (nt.kw != Kw::None)
                fail();
            advance();
            auto* a = m_arena.make<AttributeExpr>();
            a->value = e;
            a->attr = name_of(nt);
            a->loc = loc_from(start);
            e = a;
        } else if (t.op == Op::LPar) {
            Token const& lpar = advance();
            auto* c = m_arena.make<CallExpr>();
            c->func = e;
            parse_call_args(c, lpar);
            c->loc = loc_from(start);
            e = c;
        } else if (t.op == Op::LSqb) {
            advance();
            auto* s = m_arena.make<SubscriptExpr>();
            s->value = e;
            s->slice = parse_slices();
            expect_op(Op::RSqb);
            s->loc = loc_from(start);
            e = s;
        } else {
            return e;
        }
    }
}

// slices: a tuple of slices and `*expression` items (PEP 646); a lone starred item also
// makes a tuple, so `x[*a]` is `x[(*a,)]`.
Expr* Parser::parse_slices()
{
    Pos start = start_pos();
    auto item = [&]() -> Expr* {
        if (!at_op(Op::Star))
            return parse_slice();
        // starred_expression: '*' expression (not bitwise_or as in a display).
        Pos s = start_pos();
        advance();
        auto* st = m_arena.make<StarredExpr>();
        st->value = parse_expression();
        st->loc = loc_from(s);
        return st;
    };
    Expr* first = item();
    if (at_comprehension_for() && first->kind == ExprKind::Starred)
        error_node(first->loc, "iterable unpacking cannot be used in comprehension");
    if (!at_op(Op::Comma) && first->kind != ExprKind::Starred)
        return first;
    auto* t = m_arena.make<TupleExpr>();
    t->elts.push_back(first);
    // `x[a, b for ...]`: CPython's invalid_comprehension rule also matches at a subscript's
    // '[' when no item is a slice.
    auto check_comprehension = [&] {
        if (!at_comprehension_for())
            return;
        for (Expr* x : t->elts)
            if (x->kind == ExprKind::Slice)
                return;
        unparenthesized_comprehension_target(t->elts);
    };
    while (accept_op(Op::Comma)) {
        if (at_op(Op::RSqb))
            break;
        check_comprehension();
        t->elts.push_back(item());
    }
    check_comprehension();
    t->loc = loc_from(start);
    return t;
}

Expr* Parser::parse_slice()
{
    Pos start = start_pos();
    Expr* lower = nullptr;
    if (!at_op(Op::Colon)) {
        lower = parse_named_expression();
        if (!at_op(Op::Colon))
            return lower;
        if (lower->kind == ExprKind::NamedExpr)
            fail();
    }
    advance(); // ':'
    auto* s = m_arena.make<SliceExpr>();
    s->lower = lower;
    if (!at_op(Op::Colon) && !at_op(Op::Comma) && !at_op(Op::RSqb))
        s->upper = parse_expression();
    if (accept_op(Op::Colon)) {
        if (!at_op(Op::Comma) && !at_op(Op::RSqb))
            s->step = parse_expression();
    }
    s->loc = loc_from(start);
    return s;
}

Expr* Parser::parse_number(Token const& t)
{
    auto* c = make_at<ConstantExpr>(ast::Loc { t.line, t.col, t.end_line, t.end_col });
    std::string s;
    s.reserve(t.end - t.start);
    for (char ch : text(t))
        if (ch != '_')
            s += ch;
    char last = s.empty() ? 0 : s.back();
    bool is_hex = s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    if (last == 'j' || last == 'J') {
        s.pop_back();
        c->value.kind = ConstantValue::Kind::Complex;
        c->value.number = strtod(s.c_str(), nullptr);
    } else if (!is_hex && (s.find_first_of(".eE") != std::string::npos)) {
        c->value.kind = ConstantValue::Kind::Float;
        c->value.number = strtod(s.c_str(), nullptr);
    } else {
        c->value.kind = ConstantValue::Kind::Int;
        c->value.text = std::move(s);
    }
    return c;
}

Expr* Parser::parse_atom()
{
    Token const& t = peek();
    ast::Loc tl { t.line, t.col, t.end_line, t.end_col };
    switch (t.type) {
    case TokType::Name: {
        auto constant = [&](ConstantValue::Kind k) -> Expr* {
            advance();
            auto* c = make_at<ConstantExpr>(tl);
            c->value.kind = k;
            return c;
        };
        switch (t.kw) {
        case Kw::None: {
            advance();
            auto* n = make_at<NameExpr>(tl);
            n->id = name_of(t);
            return n;
        }
        case Kw::True: return constant(ConstantValue::Kind::True);
        case Kw::False: return constant(ConstantValue::Kind::False);
        case Kw::NoneKw: return constant(ConstantValue::Kind::None);
        default: fail();
        }
    }
    case TokType::Number:
        advance();
        return parse_number(t);
    case TokType::String:
        return parse_strings();
    case TokType::Op:
        switch (t.op) {
        case Op::LPar: return parse_paren();
        case Op::LSqb: return parse_list();
        case Op::LBrace: return parse_brace();
        case Op::Ellipsis: {
            advance();
            auto* c = make_at<ConstantExpr>(tl);
            c->value.kind = ConstantValue::Kind::Ellipsis;
            return c;
        }
        default: fail();
        }
    default:
        fail();
    }
}

Expr* Parser::parse_paren()
{
    DepthGuard guard(*this);
    Pos start = start_pos();
    advance(); // '('
    if (accept_op(Op::RPar)) {
        auto* t = m_arena.make<TupleExpr>();
        t->loc = loc_from(start);
        return t;
    }
    if (at_kw(Kw::Yield)) {
        Expr* y = parse_yield_expr();
        expect_op(Op::RPar);
        return y;
    }
    if (at_op(Op::DoubleStar)) {
        Token const& st = advance();
        Expr* e = parse_expression();
        if (at_op(Op::RPar))
            error_range({ st.line, st.col, st.end_line, st.end_col }, e->loc, "cannot use double starred expression here");
        fail();
    }
    Expr* first = parse_star_named_expression();
    if (at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1))) {
        if (first->kind == ExprKind::Starred)
            error_node(first->loc, "iterable unpacking cannot be used in comprehension");
        auto* g = m_arena.make<GeneratorExpExpr>();
        g->elt = first;
        parse_comprehension(g->generators);
        expect_op(Op::RPar);
        g->loc = loc_from(start);
        return g;
    }
    if (at_op(Op::RPar)) {
        if (first->kind == ExprKind::Starred)
            error_node(first->loc, "cannot use starred expression here");
        advance();
        return first;
    }
    if (!at_op(Op::Comma))
        fail();
    auto* t = m_arena.make<TupleExpr>();
    t->elts.push_back(first);
    while (accept_op(Op::Comma)) {
        if (at_op(Op::RPar))
            break;
        t->elts.push_back(parse_star_named_expression());
    }
    expect_op(Op::RPar);
    t->loc = loc_from(start);
    return t;
}

bool Parser::at_comprehension_for()
{
    return at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1));
}

// "[a, b for ...]" or "[a, for ...]": a tuple as a comprehension's element needs brackets. The
// error spans the elements, or the lone element and its comma (the token just consumed).
void Parser::unparenthesized_comprehension_target(std::vector<Expr*> const& elts)
{
    char const* msg = "did you forget parentheses around the comprehension target?";
    if (elts.size() >= 2)
        error_range(elts.front()->loc, elts.back()->loc, msg);
    Token const& comma = m_tokens[m_pos - 1];
    error_range(elts.front()->loc, { comma.line, comma.col, comma.end_line, comma.end_col }, msg);
}

Expr* Parser::parse_list()
{
    DepthGuard guard(*this);
    Pos start = start_pos();
    advance(); // '['
    auto* l = m_arena.make<ListExpr>();
    if (accept_op(Op::RSqb)) {
        l->loc = loc_from(start);
        return l;
    }
    Expr* first = parse_star_named_expression();
    if (at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1))) {
        if (first->kind == ExprKind::Starred)
            error_node(first->loc, "iterable unpacking cannot be used in comprehension");
        auto* c = m_arena.make<ListCompExpr>();
        c->elt = first;
        parse_comprehension(c->generators);
        expect_op(Op::RSqb);
        c->loc = loc_from(start);
        return c;
    }
    l->elts.push_back(first);
    while (accept_op(Op::Comma)) {
        if (at_op(Op::RSqb))
            break;
        if (at_comprehension_for())
            unparenthesized_comprehension_target(l->elts);
        l->elts.push_back(parse_star_named_expression());
    }
    if (at_comprehension_for())
        unparenthesized_comprehension_target(l->elts);
    expect_op(Op::RSqb);
    l->loc = loc_from(start);
    return l;
}

Expr* Parser::parse_brace()
{
    DepthGuard guard(*this);
    Pos start = start_pos();
    advance(); // '{'
    if (accept_op(Op::RBrace)) {
        auto* d = m_arena.make<DictExpr>();
        d->loc = loc_from(start);
        return d;
    }
    // CPython's invalid_kvpair: "key: *value".
    auto check_starred_value = [&]() {
        if (!at_op(Op::Star))
            return;
        Token const& star = advance();
        Expr* v = parse_bitwise_or();
        error_range({ star.line, star.col, star.end_line, star.end_col }, v->loc,
            "cannot use a starred expression in a dictionary value");
    };
    auto parse_dict_rest = [&](DictExpr* d) {
        while (accept_op(Op::Comma)) {
            if (at_op(Op::RBrace))
                break;
            if (accept_op(Op::DoubleStar)) {
                d->keys.push_back(nullptr);
                d->values.push_back(parse_bitwise_or());
                continue;
            }
            Expr* k = parse_expression();
            if (!at_op(Op::Colon)) {
                // CPython reports from the key's last character, with end_offset 0.
                if (at_op(Op::Comma) || at_op(Op::RBrace))
                    error_raw("SyntaxError", "':' expected after dictionary key", k->loc.line,
                        k->loc.end_col, k->loc.end_line, 0);
                fail();
            }
            advance();
            if (at_op(Op::RBrace) || at_op(Op::Comma)) {
                Token const& colon = m_tokens[m_pos - 1];
                error_at(colon, "expression expected after dictionary key and ':'");
            }
            check_starred_value();
            d->keys.push_back(k);
            d->values.push_back(parse_expression());
        }
        expect_op(Op::RBrace);
        d->loc = loc_from(start);
        return d;
    };
    if (at_op(Op::DoubleStar)) {
        Token const& dstar = advance();
        auto* d = m_arena.make<DictExpr>();
        d->keys.push_back(nullptr);
        d->values.push_back(parse_bitwise_or());
        if (at_kw(Kw::For))
            error_at(dstar, "dict unpacking cannot be used in dict comprehension");
        return parse_dict_rest(d);
    }
    bool paren_first = at_op(Op::LPar);
    Expr* first = parse_star_named_expression();
    if (at_op(Op::Colon) && first->kind != ExprKind::Starred && (paren_first || first->kind != ExprKind::NamedExpr)) {
        advance();
        if (at_op(Op::RBrace) || at_op(Op::Comma))
            error_at(m_tokens[m_pos - 1], "expression expected after dictionary key and ':'");
        check_starred_value();
        Expr* v = parse_expression();
        if (at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1))) {
            auto* c = m_arena.make<DictCompExpr>();
            c->key = first;
            c->value = v;
            parse_comprehension(c->generators);
            expect_op(Op::RBrace);
            c->loc = loc_from(start);
            return c;
        }
        auto* d = m_arena.make<DictExpr>();
        d->keys.push_back(first);
        d->values.push_back(v);
        return parse_dict_rest(d);
    }
    if (at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1))) {
        if (first->kind == ExprKind::Starred)
            error_node(first->loc, "iterable unpacking cannot be used in comprehension");
        auto* c = m_arena.make<SetCompExpr>();
        c->elt = first;
        parse_comprehension(c->generators);
        expect_op(Op::RBrace);
        c->loc = loc_from(start);
        return c;
    }
    auto* s = m_arena.make<SetExpr>();
    s->elts.push_back(first);
    while (accept_op(Op::Comma)) {
        if (at_op(Op::RBrace))
            break;
        if (at_comprehension_for())
            unparenthesized_comprehension_target(s->elts);
        s->elts.push_back(parse_star_named_expression());
    }
    if (at_comprehension_for())
        unparenthesized_comprehension_target(s->elts);
    if (!at_op(Op::RBrace) && first->kind != ExprKind::Starred && s->elts.size() == 1 && at_op(Op::Colon))
        fail();
    expect_op(Op::RBrace);
    s->loc = loc_from(start);
    return s;
}

void Parser::parse_comprehension(std::vector<Comprehension*>& out)
{
    while (at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1))) {
        auto* c = m_arena.make<Comprehension>();
        if (accept_kw(Kw::Async))
            c->is_async = true;
        Token const& for_tok = advance();
        c->target = parse_target_list(FOR_TARGETS, for_tok);
        if (!accept_kw(Kw::In))
            fail();
        c->iter = parse_disjunction();
        while (accept_kw(Kw::If))
            c->ifs.push_back(parse_disjunction());
        out.push_back(c);
    }
}

// star_targets after 'for' (in a for statement or a comprehension).
Expr* Parser::parse_target_list(int type, Token const& first)
{
    (void)first;
    Pos start = start_pos();
    auto one = [&]() -> Expr* {
        if (at_op(Op::Star)) {
            Pos s = start_pos();
            advance();
            auto* st = m_arena.make<StarredExpr>();
            st->value = parse_bitwise_or();
            st->loc = loc_from(s);
            return st;
        }
        return parse_bitwise_or();
    };
    Expr* e = one();
    if (at_op(Op::Comma)) {
        auto* t = m_arena.make<TupleExpr>();
        t->elts.push_back(e);
        while (accept_op(Op::Comma)) {
            if (at_kw(Kw::In) || at_op(Op::Equal))
                break;
            t->elts.push_back(one());
        }
        t->loc = loc_from(start);
        e = t;
    }
    if (!at_kw(Kw::In)) {
        // invalid_for_target: re-read the target as star_expressions for the message.
        size_t save = m_pos;
        m_pos = size_t(&first - m_tokens.data()) + 1;
        Expr* whole = nullptr;
        try {
            whole = parse_star_expressions();
        } catch (SyntaxErrorException&) {
            if (m_tokenizer_error)
                throw;
        }
        if (whole) {
            if (Expr* bad = invalid_target(whole, FOR_TARGETS))
                error_node(bad->loc, std::string("cannot assign to ") + expr_name(bad));
        }
        m_pos = save;
        fail();
    }
    check_target(e, type);
    set_context(e, ExprContext::Store);
    return e;
}

Expr* Parser::parse_lambda()
{
    DepthGuard guard(*this);
    Pos start = start_pos();
    advance(); // 'lambda'
    auto* l = m_arena.make<LambdaExpr>();
    l->args = parse_parameters(true);
    if (!accept_op(Op::Colon))
        fail();
    l->body = parse_expression();
    l->loc = loc_from(start);
    return l;
}

// CPython's invalid_arguments rule reads the arguments after "genexp ," before it reports an
// unparenthesized generator expression, so a tokenizer error there (an unclosed bracket) is the
// error reported. Parses them and throws only a tokenizer error; the position is restored.
void Parser::probe_more_args()
{
    size_t pos = m_pos, max = m_max;
    try {
        advance(); // ','
        while (!at_op(Op::RPar)) {
            if (at_op(Op::Star) || at_op(Op::DoubleStar)) {
                advance();
            } else if (at_name() && at_op(Op::Equal, 1)) {
                advance();
                advance();
            }
            parse_expression();
            if (!accept_op(Op::Comma))
                break;
        }
    } catch (SyntaxErrorException&) {
        if (m_tokenizer_error)
            throw;
    }
    m_pos = pos;
    m_max = max;
}

void Parser::parse_call_args(CallExpr* call, Token const& lpar, bool allow_genexp)
{
    (void)lpar;
    bool seen_keyword = false, seen_double_star = false;
    // A positional argument after keywords: CPython's invalid_arguments rule reports it once it
    // has read the arguments that follow, at the token after them.
    char const* misplaced_positional = nullptr;
    Expr* first_genexp_candidate = nullptr;
    size_t nitems = 0;
    try {
        while (!at_op(Op::RPar)) {
            nitems++;
            if (at_op(Op::Star)) {
                Token const& star = peek();
                if (seen_double_star && !misplaced_positional)
                    error_at(
                        star, "iterable argument unpacking follows keyword argument unpacking");
                Pos s = start_pos();
                advance();
                auto* st = m_arena.make<StarredExpr>();
                st->value = parse_expression();
                st->loc = loc_from(s);
                call->args.push_back(st);
            } else if (at_op(Op::DoubleStar)) {
                Pos s = start_pos();
                advance();
                auto* k = m_arena.make<Keyword>();
                k->value = parse_expression();
                k->loc = loc_from(s);
                call->keywords.push_back(k);
                seen_double_star = true;
            } else if (peek().type == TokType::Name
                && (peek().kw == Kw::True || peek().kw == Kw::False || peek().kw == Kw::NoneKw)
                && at_op(Op::Equal, 1)) {
                Token const& a = peek();
                Token const& b = peek(1);
                error_range({ a.line, a.col, a.end_line, a.end_col },
                    { b.line, b.col, b.end_line, b.end_col },
                    std::string("cannot assign to ") + std::string(text(a)));
            } else if (at_name() && at_op(Op::Equal, 1)) {
                Pos s = start_pos();
                Token const& nt = advance();
                Token const& eq = advance();
                auto* k = m_arena.make<Keyword>();
                k->arg = name_of(nt);
                k->value = parse_expression();
                if (at_kw(Kw::For))
                    error_range({ nt.line, nt.col, nt.end_line, nt.end_col },
                        { eq.line, eq.col, eq.end_line, eq.end_col },
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
                k->loc = loc_from(s);
                call->keywords.push_back(k);
                seen_keyword = true;
            } else {
                Expr* e;
                if (at_name() && at_op(Op::ColonEqual, 1))
                    e = parse_named_expression();
                else
                    e = parse_expression();
                if (at_op(Op::Equal)) {
                    Token const& eq = peek();
                    error_range(e->loc, { eq.line, eq.col, eq.end_line, eq.end_col },
                        "expression cannot contain assignment, perhaps you meant \"==\"?");
                }
                if (at_kw(Kw::For) || (at_kw(Kw::Async) && at_kw(Kw::For, 1))) {
                    if (misplaced_positional)
                        error_at(peek(), misplaced_positional);
                    if (!allow_genexp)
                        fail();
                    auto* g = m_arena.make<GeneratorExpExpr>();
                    g->elt = e;
                    parse_comprehension(g->generators);
                    if (nitems > 1 || !at_op(Op::RPar)) {
                        if (at_op(Op::Comma))
                            probe_more_args();
                        Comprehension* lastc = g->generators.back();
                        Expr* lastitem = lastc->ifs.empty() ? lastc->iter : lastc->ifs.back();
                        error_range(
                            e->loc, lastitem->loc, "Generator expression must be parenthesized");
                    }
                    advance(); // ')'
                    g->loc = { lpar.line, lpar.col, m_end_line, m_end_col };
                    call->args.push_back(g);
                    first_genexp_candidate = g;
                    return;
                }
                if ((seen_keyword || seen_double_star) && !misplaced_positional)
                    misplaced_positional = seen_double_star
                        ? "positional argument follows keyword argument unpacking"
                        : "positional argument follows keyword argument";
                call->args.push_back(e);
            }
            if (!accept_op(Op::Comma))
                break;
        }
    } catch (SyntaxErrorException& e) {
        // A plain parse failure in the arguments that follow gives way to it (at the furthest
        // token); the specific errors of CPython's invalid_* rules do not.
        if (!misplaced_positional || m_tokenizer_error || e.info.msg != "invalid syntax")
            throw;
        error_last(misplaced_positional);
    }
    (void)first_genexp_candidate;
    if (misplaced_positional)
        error_last(misplaced_positional);
    expect_op(Op::RPar);
}

// ---- targets -------------------------------------------------------------------------------

char const* Parser::expr_name(Expr* e)
{
    switch (e->kind) {
    case ExprKind::Attribute: return "attribute";
    case ExprKind::Subscript: return "subscript";
    case ExprKind::Starred: return "starred";
    case ExprKind::Name: return "name";
    case ExprKind::List: return "list";
    case ExprKind::Tuple: return "tuple";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::Call: return "function call";
    case ExprKind::BoolOp: case ExprKind::BinOp: case ExprKind::UnaryOp: return "expression";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Yield: case ExprKind::YieldFrom: return "yield expression";
    case ExprKind::Await: return "await expression";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::SetComp: return "set comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::JoinedStr: case ExprKind::FormattedValue: return "f-string expression";
    case ExprKind::Constant: {
        auto k = static_cast<ConstantExpr*>(e)->value.kind;
        if (k == ConstantValue::Kind::None)
            return "None";
        if (k == ConstantValue::Kind::True)
            return "True";
        if (k == ConstantValue::Kind::False)
            return "False";
        if (k == ConstantValue::Kind::Ellipsis)
            return "ellipsis";
        return "literal";
    }
    case ExprKind::Compare: return "comparison";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::NamedExpr: return "named expression";
    default: return "expression";
    }
}

Expr* Parser::invalid_target(Expr* e, int type)
{
    switch (e->kind) {
    case ExprKind::List:
        for (Expr* x : static_cast<ListExpr*>(e)->elts)
            if (Expr* bad = invalid_target(x, type))
                return bad;
        return nullptr;
    case ExprKind::Tuple:
        for (Expr* x : static_cast<TupleExpr*>(e)->elts)
            if (Expr* bad = invalid_target(x, type))
                return bad;
        return nullptr;
    case ExprKind::Starred:
        if (type == DEL_TARGETS)
            return e;
        return invalid_target(static_cast<StarredExpr*>(e)->value, type);
    case ExprKind::Compare:
        if (type == FOR_TARGETS) {
            auto* c = static_cast<CompareExpr*>(e);
            if (c->ops[0] == CmpOpKind::In)
                return invalid_target(c->left, type);
            return nullptr;
        }
        return e;
    case ExprKind::Name: case ExprKind::Subscript: case ExprKind::Attribute:
        return nullptr;
    default:
        return e;
    }
}

void Parser::check_target(Expr* e, int type)
{
    if (Expr* bad = invalid_target(e, type))
        error_node(bad->loc, std::string(type == DEL_TARGETS ? "cannot delete " : "cannot assign to ") + expr_name(bad));
    // A starred target must not be nested directly in another starred.
    if (type != DEL_TARGETS) {
        std::vector<Expr*> stack { e };
        while (!stack.empty()) {
            Expr* x = stack.back();
            stack.pop_back();
            if (x->kind == ExprKind::Starred) {
                Expr* v = static_cast<StarredExpr*>(x)->value;
                if (v->kind == ExprKind::Starred)
                    fail();
                stack.push_back(v);
            } else if (x->kind == ExprKind::Tuple) {
                for (Expr* y : static_cast<TupleExpr*>(x)->elts)
                    stack.push_back(y);
            } else if (x->kind == ExprKind::List) {
                for (Expr* y : static_cast<ListExpr*>(x)->elts)
                    stack.push_back(y);
            }
        }
    }
}

void Parser::set_context(Expr* e, ExprContext ctx)
{
    switch (e->kind) {
    case ExprKind::Name: static_cast<NameExpr*>(e)->ctx = ctx; break;
    case ExprKind::Attribute: static_cast<AttributeExpr*>(e)->ctx = ctx; break;
    case ExprKind::Subscript: static_cast<SubscriptExpr*>(e)->ctx = ctx; break;
    case ExprKind::Starred:
        static_cast<StarredExpr*>(e)->ctx = ctx;
        set_context(static_cast<StarredExpr*>(e)->value, ctx);
        break;
    case ExprKind::List:
        static_cast<ListExpr*>(e)->ctx = ctx;
        for (Expr* x : static_cast<ListExpr*>(e)->elts)
            set_context(x, ctx);
        break;
    case ExprKind::Tuple:
        static_cast<TupleExpr*>(e)->ctx = ctx;
        for (Expr* x : static_cast<TupleExpr*>(e)->elts)
            set_context(x, ctx);
        break;
    default:
        break;
    }
}

} // namespace pystm::compiler
