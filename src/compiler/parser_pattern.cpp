// The match statement and its patterns (PEP 634), with the soft keywords match, case and _
// recognised only where the 3.11 grammar allows them: "match" starts a match statement only
// when "match subject :" NEWLINE follows; otherwise the line is an ordinary statement.
#include "compiler/parser_internal.h"

namespace pystm::compiler {

using namespace ast;

namespace {
ast::Loc tok_loc(Token const& t) { return { t.line, t.col, t.end_line, t.end_col }; }
} // namespace

Stmt* Parser::parse_match()
{
    size_t save = m_pos, save_max = m_max;
    int sl = m_end_line, sc = m_end_col;
    Pos start = start_pos();
    Token const& kw = advance();
    Expr* subject = nullptr;
    try {
        if (starts_expression() || at_name() || at_op(Op::Star)) {
            Pos ss = start_pos();
            Expr* first = parse_star_named_expression();
            if (at_op(Op::Comma)) {
                auto* t = m_arena.make<TupleExpr>();
                t->elts.push_back(first);
                while (accept_op(Op::Comma)) {
                    if (at_op(Op::Colon))
                        break;
                    t->elts.push_back(parse_star_named_expression());
                }
                t->loc = loc_from(ss);
                subject = t;
            } else if (first->kind != ExprKind::Starred) {
                subject = first;
            }
        }
    } catch (SyntaxErrorException&) {
        if (m_tokenizer_error)
            throw;
        subject = nullptr;
    }
    if (!subject || !at_op(Op::Colon) || !at_type(TokType::Newline, 1)) {
        m_match_newline = subject && at_type(TokType::Newline) ? &peek() : nullptr;
        m_pos = save;
        m_max = save_max;
        m_end_line = sl;
        m_end_col = sc;
        return nullptr;
    }
    advance(); // ':'
    advance(); // NEWLINE
    if (!at_type(TokType::Indent))
        error_at(peek(), "expected an indented block after 'match' statement on line " + std::to_string(kw.line),
            "IndentationError");
    advance();
    auto* m = m_arena.make<MatchStmt>();
    m->subject = subject;
    while (at_soft_kw("case")) {
        Token const& ckw = advance();
        auto* c = m_arena.make<MatchCase>();
        c->pattern = parse_patterns();
        if (accept_kw(Kw::If))
            c->guard = parse_named_expression();
        if (!accept_op(Op::Colon)) {
            if (at_type(TokType::Newline))
                error_at(peek(), "expected ':'");
            fail();
        }
        parse_block(c->body, "'case' statement", ckw);
        m->cases.push_back(c);
    }
    if (m->cases.empty())
        fail();
    if (!at_type(TokType::Dedent) && !at_type(TokType::EndMarker))
        fail();
    if (at_type(TokType::Dedent))
        advance();
    m->loc = loc_from(start);
    return m;
}

// patterns: open_sequence_pattern | pattern
Pattern* Parser::parse_patterns()
{
    Pos start = start_pos();
    auto one = [&]() -> Pattern* {
        if (at_op(Op::Star)) {
            Pos s = start_pos();
            advance();
            auto* st = m_arena.make<MatchStarPattern>();
            if (!at_type(TokType::Name) || peek().kw != Kw::None)
                fail();
            std::string n = name_of(advance());
            if (n != "_")
                st->name = n;
            st->loc = loc_from(s);
            return st;
        }
        return parse_pattern();
    };
    Pattern* first = one();
    if (!at_op(Op::Comma)) {
        if (first->kind == PatternKind::MatchStar) {
            auto* seq = m_arena.make<MatchSequencePattern>();
            seq->patterns.push_back(first);
            seq->loc = loc_from(start);
            return seq;
        }
        return first;
    }
    auto* seq = m_arena.make<MatchSequencePattern>();
    seq->patterns.push_back(first);
    while (accept_op(Op::Comma)) {
        if (at_op(Op::Colon) || at_kw(Kw::If))
            break;
        seq->patterns.push_back(one());
    }
    seq->loc = loc_from(start);
    return seq;
}

// pattern: or_pattern ['as' NAME]
Pattern* Parser::parse_pattern()
{
    DepthGuard guard(*this);
    Pos start = start_pos();
    Pattern* p = parse_or_pattern();
    if (accept_kw(Kw::As)) {
        if (!at_type(TokType::Name) || peek().kw != Kw::None) {
            // CPython's invalid_as_pattern: an expression there is an invalid pattern target.
            size_t pos = m_pos, max = m_max;
            Expr* e = nullptr;
            try {
                e = parse_expression();
            } catch (SyntaxErrorException&) {
                if (m_tokenizer_error)
                    throw;
            }
            if (e)
                error_node(e->loc, "invalid pattern target");
            m_pos = pos;
            m_max = max;
            fail();
        }
        Token const& nt = peek();
        std::string n = name_of(nt);
        if (n == "_")
            error_at(nt, "cannot use '_' as a target");
        if (at_op(Op::Dot, 1) || at_op(Op::LPar, 1) || at_op(Op::Equal, 1)) {
            advance();
            fail();
        }
        advance();
        auto* as = m_arena.make<MatchAsPattern>();
        as->pattern = p;
        as->name = n;
        as->loc = loc_from(start);
        return as;
    }
    return p;
}

Pattern* Parser::parse_or_pattern()
{
    Pos start = start_pos();
    Pattern* p = parse_closed_pattern();
    if (!at_op(Op::VBar))
        return p;
    auto* o = m_arena.make<MatchOrPattern>();
    o->patterns.push_back(p);
    while (accept_op(Op::VBar))
        o->patterns.push_back(parse_closed_pattern());
    o->loc = loc_from(start);
    return o;
}

// A literal for value patterns and mapping keys: signed numbers, complex literals, strings.
Expr* Parser::parse_pattern_value(bool allow_complex)
{
    Pos start = start_pos();
    Token const& t = peek();
    if (t.type == TokType::String)
        return parse_strings();
    Expr* num;
    if (at_op(Op::Minus)) {
        advance();
        if (!at_type(TokType::Number))
            fail();
        auto* u = m_arena.make<UnaryOpExpr>();
        u->op = UnaryOpKind::USub;
        u->operand = parse_number(advance());
        u->loc = loc_from(start);
        num = u;
    } else if (at_type(TokType::Number)) {
        num = parse_number(advance());
    } else {
        fail();
    }
    if (allow_complex && (at_op(Op::Plus) || at_op(Op::Minus))) {
        Token const& op = advance();
        if (!at_type(TokType::Number))
            fail();
        Expr* imag = parse_number(advance());
        if (static_cast<ConstantExpr*>(imag)->value.kind != ConstantValue::Kind::Complex)
            error_node(imag->loc, "imaginary number required in complex literal");
        bool real_ok = true;
        Expr* r = num;
        if (r->kind == ExprKind::UnaryOp)
            r = static_cast<UnaryOpExpr*>(r)->operand;
        if (static_cast<ConstantExpr*>(r)->value.kind == ConstantValue::Kind::Complex)
            real_ok = false;
        if (!real_ok)
            error_node(num->loc, "real number required in complex literal");
        auto* b = m_arena.make<BinOpExpr>();
        b->left = num;
        b->op = op.op == Op::Plus ? OperatorKind::Add : OperatorKind::Sub;
        b->right = imag;
        b->loc = loc_from(start);
        return b;
    }
    return num;
}

Pattern* Parser::parse_closed_pattern()
{
    DepthGuard guard(*this);
    Pos start = start_pos();
    Token const& t = peek();
    if (t.type == TokType::Number || t.type == TokType::String || (t.type == TokType::Op && t.op == Op::Minus)) {
        auto* v = m_arena.make<MatchValuePattern>();
        v->value = parse_pattern_value(true);
        v->loc = loc_from(start);
        return v;
    }
    if (t.type == TokType::Name && (t.kw == Kw::NoneKw || t.kw == Kw::True || t.kw == Kw::False)) {
        advance();
        auto* s = m_arena.make<MatchSingletonPattern>();
        s->value.kind = t.kw == Kw::NoneKw ? ConstantValue::Kind::None
            : t.kw == Kw::True             ? ConstantValue::Kind::True
                                           : ConstantValue::Kind::False;
        s->loc = loc_from(start);
        return s;
    }
    if (t.type == TokType::Name && t.kw == Kw::None) {
        // capture, wildcard, value (dotted name) or class pattern
        advance();
        std::string n = name_of(t);
        Expr* name_or_attr = nullptr;
        if (at_op(Op::Dot) || at_op(Op::LPar)) {
            auto* ne = make_at<NameExpr>(tok_loc(t));
            ne->id = n;
            name_or_attr = ne;
            while (accept_op(Op::Dot)) {
                if (!at_type(TokType::Name) || peek().kw != Kw::None)
                    fail();
                auto* a = m_arena.make<AttributeExpr>();
                a->value = name_or_attr;
                a->attr = name_of(advance());
                a->loc = loc_from(start);
                name_or_attr = a;
            }
        }
        if (at_op(Op::LPar)) {
            advance();
            auto* c = m_arena.make<MatchClassPattern>();
            c->cls = name_or_attr;
            while (!at_op(Op::RPar)) {
                if (at_name() && at_op(Op::Equal, 1)) {
                    c->kwd_attrs.push_back(name_of(advance()));
                    advance();
                    c->kwd_patterns.push_back(parse_pattern());
                } else {
                    Pattern* p = parse_pattern();
                    if (!c->kwd_attrs.empty()) {
                        error_node(p->loc, "positional patterns follow keyword patterns");
                    }
                    c->patterns.push_back(p);
                }
                if (!accept_op(Op::Comma))
                    break;
            }
            expect_op(Op::RPar);
            c->loc = loc_from(start);
            return c;
        }
        if (name_or_attr) {
            if (name_or_attr->kind == ExprKind::Name)
                fail();
            if (at_op(Op::Equal))
                fail();
            auto* v = m_arena.make<MatchValuePattern>();
            v->value = name_or_attr;
            v->loc = loc_from(start);
            return v;
        }
        if (at_op(Op::Equal))
            fail();
        auto* as = m_arena.make<MatchAsPattern>();
        if (n != "_")
            as->name = n;
        as->loc = loc_from(start);
        return as;
    }
    if (t.type == TokType::Op && (t.op == Op::LPar || t.op == Op::LSqb)) {
        bool paren = t.op == Op::LPar;
        Op close = paren ? Op::RPar : Op::RSqb;
        advance();
        auto* seq = m_arena.make<MatchSequencePattern>();
        bool comma = false;
        while (!at_op(close)) {
            if (at_op(Op::Star)) {
                Pos s = start_pos();
                advance();
                auto* st = m_arena.make<MatchStarPattern>();
                if (!at_type(TokType::Name) || peek().kw != Kw::None)
                    fail();
                std::string n = name_of(advance());
                if (n != "_")
                    st->name = n;
                st->loc = loc_from(s);
                seq->patterns.push_back(st);
            } else {
                seq->patterns.push_back(parse_pattern());
            }
            if (!accept_op(Op::Comma))
                break;
            comma = true;
        }
        expect_op(close);
        if (paren && !comma && seq->patterns.size() == 1 && seq->patterns[0]->kind != PatternKind::MatchStar)
            return seq->patterns[0]; // group pattern
        seq->loc = loc_from(start);
        return seq;
    }
    if (t.type == TokType::Op && t.op == Op::LBrace) {
        advance();
        auto* m = m_arena.make<MatchMappingPattern>();
        while (!at_op(Op::RBrace)) {
            if (accept_op(Op::DoubleStar)) {
                // pattern_capture_target: a name other than "_".
                if (!at_type(TokType::Name) || peek().kw != Kw::None || text(peek()) == "_")
                    fail();
                m->rest = name_of(advance());
                accept_op(Op::Comma);
                break;
            }
            Token const& kt = peek();
            Expr* key;
            if (kt.type == TokType::Name && (kt.kw == Kw::NoneKw || kt.kw == Kw::True || kt.kw == Kw::False)) {
                key = parse_atom();
            } else if (kt.type == TokType::Name && kt.kw == Kw::None) {
                Pos ks = start_pos();
                auto* ne = make_at<NameExpr>(tok_loc(kt));
                ne->id = name_of(advance());
                key = ne;
                if (!at_op(Op::Dot))
                    fail();
                while (accept_op(Op::Dot)) {
                    if (!at_type(TokType::Name) || peek().kw != Kw::None)
                        fail();
                    auto* a = m_arena.make<AttributeExpr>();
                    a->value = key;
                    a->attr = name_of(advance());
                    a->loc = loc_from(ks);
                    key = a;
                }
            } else {
                key = parse_pattern_value(true);
            }
            if (!accept_op(Op::Colon))
                fail();
            m->keys.push_back(key);
            m->patterns.push_back(parse_pattern());
            if (!accept_op(Op::Comma))
                break;
        }
        expect_op(Op::RBrace);
        m->loc = loc_from(start);
        return m;
    }
    fail();
}

} // namespace pystm::compiler
