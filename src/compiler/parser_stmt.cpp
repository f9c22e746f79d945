// Statement rules of the Python 3.11 grammar: simple statements, assignments, blocks and every
// compound statement except match (parser_pattern.cpp), plus function parameters.
//
// Error messages for missing colons and missing indented blocks reproduce CPython's "invalid_*"
// rules: "expected ':'" where CPython forces the token or where a NEWLINE follows directly, and
// IndentationError "expected an indented block after ..." at the token after the NEWLINE.
#include "compiler/parser_internal.h"

namespace pystm::compiler {

using namespace ast;

namespace {

bool augassign_op(Token const& t, OperatorKind& op)
{
    if (t.type != TokType::Op)
        return false;
    switch (t.op) {
    case Op::PlusEqual: op = OperatorKind::Add; return true;
    case Op::MinEqual: op = OperatorKind::Sub; return true;
    case Op::StarEqual: op = OperatorKind::Mult; return true;
    case Op::AtEqual: op = OperatorKind::MatMult; return true;
    case Op::SlashEqual: op = OperatorKind::Div; return true;
    case Op::PercentEqual: op = OperatorKind::Mod; return true;
    case Op::AmperEqual: op = OperatorKind::BitAnd; return true;
    case Op::VBarEqual: op = OperatorKind::BitOr; return true;
    case Op::CircumflexEqual: op = OperatorKind::BitXor; return true;
    case Op::LeftShiftEqual: op = OperatorKind::LShift; return true;
    case Op::RightShiftEqual: op = OperatorKind::RShift; return true;
    case Op::DoubleStarEqual: op = OperatorKind::Pow; return true;
    case Op::DoubleSlashEqual: op = OperatorKind::FloorDiv; return true;
    default: return false;
    }
}

ast::Loc tok_loc(Token const& t) { return { t.line, t.col, t.end_line, t.end_col }; }

} // namespace

void Parser::parse_statement(StmtList& out)
{
    Token const& t = peek();
    if (t.type == TokType::Name) {
        switch (t.kw) {
        case Kw::Def: case Kw::If: case Kw::Class: case Kw::With: case Kw::For: case Kw::Try:
        case Kw::While: case Kw::Async:
            out.push_back(parse_compound(t));
            return;
        case Kw::None:
            if (text(t) == "match") {
                if (Stmt* s = parse_match()) {
                    out.push_back(s);
                    return;
                }
                if (Token const* newline = m_match_newline) {
                    m_match_newline = nullptr;
                    try {
                        parse_simple_stmts(out);
                        return;
                    } catch (SyntaxErrorException&) {
                        if (m_tokenizer_error)
                            throw;
                        error_at(*newline, "expected ':'");
                    }
                }
            }
            break;
        default:
            break;
        }
    } else if (t.type == TokType::Op && t.op == Op::At) {
        out.push_back(parse_decorated());
        return;
    } else if (t.type == TokType::Indent) {
        fail();
    }
    parse_simple_stmts(out);
}

void Parser::parse_simple_stmts(StmtList& out)
{
    out.push_back(parse_simple_stmt());
    while (accept_op(Op::Semi)) {
        if (at_type(TokType::Newline))
            break;
        out.push_back(parse_simple_stmt());
    }
    if (!at_type(TokType::Newline))
        fail();
    advance();
}

Stmt* Parser::parse_simple_stmt()
{
    DepthGuard guard(*this);
    Token const& t = peek();
    Pos start = start_pos();
    if (t.type == TokType::Name) {
        switch (t.kw) {
        case Kw::Pass: advance(); return make<PassStmt>(start);
        case Kw::Break: advance(); return make<BreakStmt>(start);
        case Kw::Continue: advance(); return make<ContinueStmt>(start);
        case Kw::Return: {
            advance();
            auto* r = m_arena.make<ReturnStmt>();
            if (!at_type(TokType::Newline) && !at_op(Op::Semi))
                r->value = parse_star_expressions();
            r->loc = loc_from(start);
            return r;
        }
        case Kw::Raise: {
            advance();
            auto* r = m_arena.make<RaiseStmt>();
            if (!at_type(TokType::Newline) && !at_op(Op::Semi)) {
                r->exc = parse_expression();
                if (accept_kw(Kw::From))
                    r->cause = parse_expression();
            }
            r->loc = loc_from(start);
            return r;
        }
        case Kw::Global: case Kw::Nonlocal: {
            advance();
            std::vector<std::string> names;
            do {
                if (!at_name())
                    fail();
                names.push_back(name_of(advance()));
            } while (accept_op(Op::Comma));
            if (t.kw == Kw::Global) {
                auto* g = make<GlobalStmt>(start);
                g->names = std::move(names);
                return g;
            }
            auto* g = make<NonlocalStmt>(start);
            g->names = std::move(names);
            return g;
        }
        case Kw::Del: {
            advance();
            auto* d = m_arena.make<DeleteStmt>();
            for (;;) {
                Expr* e = parse_star_expression();
                d->targets.push_back(e);
                if (!accept_op(Op::Comma))
                    break;
                if (at_type(TokType::Newline) || at_op(Op::Semi))
                    break;
            }
            if (!at_type(TokType::Newline) && !at_op(Op::Semi))
                fail();
            for (Expr* e : d->targets) {
                check_target(e, DEL_TARGETS);
                set_context(e, ExprContext::Del);
            }
            d->loc = loc_from(start);
            return d;
        }
        case Kw::Assert: {
            advance();
            auto* a = m_arena.make<AssertStmt>();
            a->test = parse_expression();
            if (accept_op(Op::Comma))
                a->msg = parse_expression();
            a->loc = loc_from(start);
            return a;
        }
        case Kw::Import: return parse_import();
        case Kw::From: return parse_from_import();
        default:
            break;
        }
    }
    return parse_expr_stmt();
}

// invalid_legacy_expression: "print x" gets a hint once the statement failed to parse.
void Parser::check_legacy_print(Token const& first)
{
    if (first.type != TokType::Name || first.kw != Kw::None)
        return;
    std::string_view s = text(first);
    if (s != "print" && s != "exec")
        return;
    size_t save = m_pos;
    m_pos = size_t(&first - m_tokens.data()) + 1;
    if (at_op(Op::LPar) || !(starts_expression() || at_name() || at_op(Op::Star))) {
        m_pos = save;
        return;
    }
    Expr* b = nullptr;
    try {
        b = parse_star_expressions();
    } catch (SyntaxErrorException&) {
        if (m_tokenizer_error)
            throw;
    }
    if (b) {
        std::string name(s);
        error_range(tok_loc(first), b->loc,
            "Missing parentheses in call to '" + name + "'. Did you mean " + name + "(...)?");
    }
    m_pos = save;
}

Stmt* Parser::parse_expr_stmt()
{
    Pos start = start_pos();
    size_t first_index = m_pos;
    Token const& first = peek();
    Expr* e;
    try {
        e = at_kw(Kw::Yield) ? parse_yield_expr() : parse_star_expressions();
    } catch (SyntaxErrorException&) {
        if (!m_tokenizer_error) {
            size_t save_max = m_max;
            check_legacy_print(first);
            m_max = save_max;
        }
        throw;
    }
    // Second-pass checks of CPython's invalid_assignment: the statement's first element is
    // re-read as a named expression, which reports "x = 1" style mistakes.
    auto named_check = [&] {
        size_t save = m_pos, save_max = m_max;
        int sl = m_end_line, sc = m_end_col;
        m_pos = first_index;
        try {
            if (!at_kw(Kw::Yield)) {
                parse_star_named_expression();
                while (accept_op(Op::Comma) && (starts_expression() || at_name() || at_op(Op::Star)))
                    parse_star_named_expression();
            }
        } catch (SyntaxErrorException& err) {
            if (m_tokenizer_error || err.info.msg.find("Maybe you meant") != std::string::npos)
                throw;
        }
        m_pos = save;
        m_max = save_max;
        m_end_line = sl;
        m_end_col = sc;
    };
    if (at_op(Op::Colon)) {
        // Annotated assignment.
        bool parenthesized = first.type == TokType::Op && first.op == Op::LPar;
        if (e->kind == ExprKind::List)
            error_node(e->loc, "only single target (not list) can be annotated");
        if (e->kind == ExprKind::Tuple) {
            if (parenthesized)
                error_node(e->loc, "only single target (not tuple) can be annotated");
            named_check();
            error_node(static_cast<TupleExpr*>(e)->elts[0]->loc, "only single target (not tuple) can be annotated");
        }
        if (e->kind != ExprKind::Name && e->kind != ExprKind::Attribute && e->kind != ExprKind::Subscript) {
            named_check();
            error_node(e->loc, "illegal target for annotation");
        }
        advance();
        auto* a = m_arena.make<AnnAssignStmt>();
        a->target = e;
        set_context(e, ExprContext::Store);
        a->simple = e->kind == ExprKind::Name && !parenthesized;
        a->annotation = parse_expression();
        if (accept_op(Op::Equal))
            a->value = at_kw(Kw::Yield) ? parse_yield_expr() : parse_star_expressions();
        a->loc = loc_from(start);
        return a;
    }
    OperatorKind aug;
    if (augassign_op(peek(), aug)) {
        if (e->kind != ExprKind::Name && e->kind != ExprKind::Attribute && e->kind != ExprKind::Subscript) {
            named_check();
            error_node(e->loc, std::string("'") + expr_name(e) + "' is an illegal expression for augmented assignment");
        }
        advance();
        auto* a = m_arena.make<AugAssignStmt>();
        a->target = e;
        set_context(e, ExprContext::Store);
        a->op = aug;
        a->value = at_kw(Kw::Yield) ? parse_yield_expr() : parse_star_expressions();
        a->loc = loc_from(start);
        return a;
    }
    if (at_op(Op::Equal)) {
        auto* a = m_arena.make<AssignStmt>();
        a->targets.push_back(e);
        while (accept_op(Op::Equal)) {
            Expr* v = at_kw(Kw::Yield) ? parse_yield_expr() : parse_star_expressions();
            if (at_op(Op::Equal))
                a->targets.push_back(v);
            else
                a->value = v;
        }
        for (Expr* t : a->targets) {
            Expr* bad = invalid_target(t, STAR_TARGETS);
            if (bad || t->kind == ExprKind::Yield || t->kind == ExprKind::YieldFrom) {
                named_check();
                if (bad && t->kind != ExprKind::Yield && t->kind != ExprKind::YieldFrom)
                    error_node(bad->loc, std::string("cannot assign to ") + expr_name(bad));
                error_node(t->loc, "assignment to yield expression not possible");
            }
            check_target(t, STAR_TARGETS);
            set_context(t, ExprContext::Store);
        }
        a->loc = loc_from(start);
        return a;
    }
    auto* s = m_arena.make<ExprStmt>();
    s->value = e;
    s->loc = loc_from(start);
    if (!at_type(TokType::Newline) && !at_op(Op::Semi)) {
        size_t save_max = m_max;
        check_legacy_print(first);
        m_max = save_max;
    }
    return s;
}

Stmt* Parser::parse_import()
{
    Pos start = start_pos();
    advance(); // 'import'
    auto* s = m_arena.make<ImportStmt>();
    do {
        Pos as = start_pos();
        auto* a = m_arena.make<Alias>();
        if (!at_name())
            fail();
        a->name = name_of(advance());
        while (accept_op(Op::Dot)) {
            if (!at_name())
                fail();
            a->name += "." + name_of(advance());
        }
        if (accept_kw(Kw::As)) {
            if (!at_name())
                fail();
            a->asname = name_of(advance());
        }
        a->loc = loc_from(as);
        s->names.push_back(a);
    } while (accept_op(Op::Comma));
    s->loc = loc_from(start);
    return s;
}

Stmt* Parser::parse_from_import()
{
    Pos start = start_pos();
    advance(); // 'from'
    auto* s = m_arena.make<ImportFromStmt>();
    for (;;) {
        if (accept_op(Op::Dot))
            s->level += 1;
        else if (accept_op(Op::Ellipsis))
            s->level += 3;
        else
            break;
    }
    if (at_name()) {
        s->module = name_of(advance());
        while (accept_op(Op::Dot)) {
            if (!at_name())
                fail();
            s->module += "." + name_of(advance());
        }
    } else if (s->level == 0) {
        fail();
    }
    if (!accept_kw(Kw::Import))
        fail();
    if (at_op(Op::Star)) {
        Pos as = start_pos();
        advance();
        auto* a = m_arena.make<Alias>();
        a->name = "*";
        a->loc = loc_from(as);
        s->names.push_back(a);
        s->loc = loc_from(start);
        return s;
    }
    bool paren = accept_op(Op::LPar);
    for (;;) {
        if (!at_name())
            fail();
        Pos as = start_pos();
        auto* a = m_arena.make<Alias>();
        a->name = name_of(advance());
        if (accept_kw(Kw::As)) {
            if (!at_name())
                fail();
            a->asname = name_of(advance());
        }
        a->loc = loc_from(as);
        s->names.push_back(a);
        if (!at_op(Op::Comma))
            break;
        advance();
        if (paren && at_op(Op::RPar))
            break;
        if (!paren && at_type(TokType::Newline))
            error_last("trailing comma not allowed without surrounding parentheses");
    }
    if (paren)
        expect_op(Op::RPar);
    s->loc = loc_from(start);
    return s;
}

// block: NEWLINE INDENT statements DEDENT | simple_stmts
void Parser::parse_block(StmtList& out, char const* what, Token const& kw_tok)
{
    if (at_type(TokType::Newline)) {
        advance();
        if (!at_type(TokType::Indent)) {
            error_at(peek(), std::string("expected an indented block after ") + what + " on line "
                    + std::to_string(kw_tok.line), "IndentationError");
        }
        advance();
        while (!at_type(TokType::Dedent) && !at_type(TokType::EndMarker))
            parse_statement(out);
        if (at_type(TokType::Dedent))
            advance();
        return;
    }
    parse_simple_stmts(out);
}

namespace {
struct ColonExpect {
    Parser& p;
    void operator()(bool forced)
    {
        if (p.accept_op(Op::Colon))
            return;
        if (forced || p.at_type(TokType::Newline))
            p.error_at(p.peek(), "expected ':'");
        p.fail();
    }
};
} // namespace

Stmt* Parser::parse_compound(Token const& first)
{
    DepthGuard guard(*this);
    Pos start = start_pos();
    switch (first.kw) {
    case Kw::If: return parse_if(false);
    case Kw::While: return parse_while();
    case Kw::For: return parse_for(start, false);
    case Kw::With: return parse_with(start, false);
    case Kw::Try: return parse_try();
    case Kw::Def: return parse_funcdef(start, {}, false);
    case Kw::Class: return parse_classdef(start, {});
    case Kw::Async: {
        advance();
        if (at_kw(Kw::Def))
            return parse_funcdef(start, {}, true);
        if (at_kw(Kw::For))
            return parse_for(start, true);
        if (at_kw(Kw::With))
            return parse_with(start, true);
        fail();
    }
    default:
        fail();
    }
}

Stmt* Parser::parse_if(bool elif)
{
    Pos start = start_pos();
    Token const& kw = advance();
    auto* s = m_arena.make<IfStmt>();
    s->test = parse_named_expression();
    ColonExpect { *this }(false);
    parse_block(s->body, elif ? "'elif' statement" : "'if' statement", kw);
    if (at_kw(Kw::Elif)) {
        s->orelse.push_back(parse_if(true));
    } else if (at_kw(Kw::Else)) {
        Token const& ekw = advance();
        ColonExpect { *this }(true);
        parse_block(s->orelse, "'else' statement", ekw);
    }
    s->loc = loc_from(start);
    return s;
}

Stmt* Parser::parse_while()
{
    Pos start = start_pos();
    Token const& kw = advance();
    auto* s = m_arena.make<WhileStmt>();
    s->test = parse_named_expression();
    ColonExpect { *this }(false);
    parse_block(s->body, "'while' statement", kw);
    if (at_kw(Kw::Else)) {
        Token const& ekw = advance();
        ColonExpect { *this }(true);
        parse_block(s->orelse, "'else' statement", ekw);
    }
    s->loc = loc_from(start);
    return s;
}

Stmt* Parser::parse_for(Pos start, bool is_async)
{
    Token const& kw = advance(); // 'for'
    auto* s = m_arena.make<ForStmt>(is_async);
    s->target = parse_target_list(FOR_TARGETS, kw);
    advance(); // 'in'
    s->iter = parse_star_expressions();
    ColonExpect { *this }(false); // CPython's invalid_for_stmt: only before a NEWLINE
    parse_block(s->body, "'for' statement", kw);
    if (at_kw(Kw::Else)) {
        Token const& ekw = advance();
        ColonExpect { *this }(true);
        parse_block(s->orelse, "'else' statement", ekw);
    }
    s->loc = loc_from(start);
    return s;
}

Stmt* Parser::parse_with(Pos start, bool is_async)
{
    Token const& kw = advance(); // 'with'
    auto* s = m_arena.make<WithStmt>(is_async);
    auto parse_item = [&](bool in_parens) {
        auto* item = m_arena.make<WithItem>();
        item->context_expr = parse_expression();
        if (accept_kw(Kw::As)) {
            Expr* t = parse_star_expression();
            if (t->kind == ExprKind::Starred)
                check_target(t, STAR_TARGETS);
            // A NEWLINE here is CPython's invalid_with_stmt ("expected ':'", below).
            if (!at_op(Op::Comma) && !at_op(Op::Colon) && !(in_parens && at_op(Op::RPar))
                && !(!in_parens && at_type(TokType::Newline)))
                fail();
            check_target(t, STAR_TARGETS);
            set_context(t, ExprContext::Store);
            item->optional_vars = t;
        }
        return item;
    };
    bool done = false;
    bool newline_after_items = false;
    if (at_op(Op::LPar)) {
        // Parenthesised with-items, if the whole "( items ) :" form matches.
        size_t save = m_pos;
        int sl = m_end_line, sc = m_end_col;
        try {
            advance();
            std::vector<WithItem*> items;
            for (;;) {
                items.push_back(parse_item(true));
                if (!accept_op(Op::Comma))
                    break;
                if (at_op(Op::RPar))
                    break;
            }
            if (accept_op(Op::RPar)) {
                if (at_op(Op::Colon)) {
                    s->items = std::move(items);
                    done = true;
                } else if (at_type(TokType::Newline)) {
                    newline_after_items = true;
                }
            }
        } catch (SyntaxErrorException&) {
            if (m_tokenizer_error)
                throw;
        }
        if (newline_after_items)
            error_at(peek(), "expected ':'");
        if (!done) {
            m_pos = save;
            m_end_line = sl;
            m_end_col = sc;
        }
    }
    if (!done) {
        do {
            s->items.push_back(parse_item(false));
        } while (accept_op(Op::Comma));
    }
    ColonExpect { *this }(false);
    parse_block(s->body, "'with' statement", kw);
    s->loc = loc_from(start);
    return s;
}

Stmt* Parser::parse_try()
{
    Pos start = start_pos();
    Token const& kw = advance(); // 'try'
    ColonExpect { *this }(true);
    auto* s = m_arena.make<TryStmt>();
    parse_block(s->body, "'try' statement", kw);
    bool saw_star = false, saw_plain = false;
    while (at_kw(Kw::Except)) {
        Pos hs = start_pos();
        Token const& ekw = advance();
        bool star = false;
        if (at_op(Op::Star)) {
            advance();
            star = true;
        }
        if (star && saw_plain)
            error_range(tok_loc(ekw), tok_loc(m_tokens[m_pos - 1]), "cannot have both 'except' and 'except*' on the same 'try'");
        if (!star && saw_star)
            error_at(ekw, "cannot have both 'except' and 'except*' on the same 'try'");
        (star ? saw_star : saw_plain) = true;
        auto* h = m_arena.make<ExceptHandler>();
        if (!at_op(Op::Colon) && !at_type(TokType::Newline)) {
            h->type = parse_expression();
            if (at_op(Op::Comma)) {
                // invalid_except_stmt: "except A, B:"
                size_t save = m_pos;
                advance();
                Expr* rest = parse_expressions();
                if (at_op(Op::Colon) || at_kw(Kw::As))
                    error_range(h->type->loc, rest->loc, "multiple exception types must be parenthesized");
                m_pos = save;
            }
            if (accept_kw(Kw::As)) {
                if (!at_name())
                    fail();
                h->name = name_of(advance());
            }
        } else if (star) {
            error_last("expected one or more exception types");
        }
        ColonExpect { *this }(false);
        parse_block(h->body, star ? "'except*' statement" : "'except' statement", ekw);
        h->loc = loc_from(hs);
        s->handlers.push_back(h);
    }
    if (saw_star)
        s->kind = StmtKind::TryStar;
    if (!s->handlers.empty() && at_kw(Kw::Else)) {
        Token const& ekw = advance();
        ColonExpect { *this }(true);
        parse_block(s->orelse, "'else' statement", ekw);
    }
    if (at_kw(Kw::Finally)) {
        Token const& fkw = advance();
        ColonExpect { *this }(true);
        parse_block(s->finalbody, "'finally' statement", fkw);
    }
    if (s->handlers.empty() && s->finalbody.empty())
        error_last("expected 'except' or 'finally' block");
    s->loc = loc_from(start);
    return s;
}

Stmt* Parser::parse_decorated()
{
    ExprList decorators;
    while (accept_op(Op::At)) {
        decorators.push_back(parse_named_expression());
        if (!at_type(TokType::Newline))
            fail();
        advance();
    }
    Pos start = start_pos();
    if (at_kw(Kw::Def))
        return parse_funcdef(start, std::move(decorators), false);
    if (at_kw(Kw::Class))
        return parse_classdef(start, std::move(decorators));
    if (at_kw(Kw::Async) && at_kw(Kw::Def, 1)) {
        advance();
        return parse_funcdef(start, std::move(decorators), true);
    }
    fail();
}

Stmt* Parser::parse_funcdef(Pos start, ExprList decorators, bool is_async)
{
    Token const& kw = advance(); // 'def'
    auto* f = m_arena.make<FunctionDefStmt>(is_async);
    f->decorator_list = std::move(decorators);
    if (!at_name())
        fail();
    f->name = name_of(advance());
    if (!at_op(Op::LPar))
        error_at(peek(), "expected '('");
    advance();
    f->args = parse_parameters(false);
    expect_op(Op::RPar);
    if (at_op(Op::RArrow)) {
        // `['->' expression] &&':'`: without an expression after it the optional part
        // matches nothing, and the forced ':' is reported at the arrow.
        Token const& arrow = advance();
        if (!starts_expression())
            error_at(arrow, "expected ':'");
        f->returns = parse_expression();
    }
    ColonExpect { *this }(true);
    parse_block(f->body, "function definition", kw);
    f->loc = loc_from(start);
    return f;
}

Stmt* Parser::parse_classdef(Pos start, ExprList decorators)
{
    Token const& kw = advance(); // 'class'
    auto* c = m_arena.make<ClassDefStmt>();
    c->decorator_list = std::move(decorators);
    if (!at_name())
        fail();
    c->name = name_of(advance());
    if (at_op(Op::LPar)) {
        Token const& lpar = advance();
        CallExpr call;
        parse_call_args(&call, lpar, false);
        c->bases = std::move(call.args);
        c->keywords = std::move(call.keywords);
    }
    ColonExpect { *this }(false);
    parse_block(c->body, "class definition", kw);
    c->loc = loc_from(start);
    return c;
}

// CPython's invalid_parameters / invalid_lambda_parameters: plain parameters in parentheses,
// "( a, b )", after plain parameters only (the caller checks that).
void Parser::check_parenthesized_parameters(bool lambda)
{
    // The lookahead must not move the location of a plain "invalid syntax" (m_max).
    size_t max = m_max;
    size_t k = 1;
    if (!at_name(k)) {
        m_max = max;
        return;
    }
    for (;;) {
        k++;
        if (at_op(Op::Comma, k) && at_name(k + 1)) {
            k++;
            continue;
        }
        if (at_op(Op::Comma, k))
            k++;
        break;
    }
    if (!at_op(Op::RPar, k)) {
        m_max = max;
        return;
    }
    Token const& open = peek();
    Token const& close = peek(k);
    error_range(tok_loc(open), tok_loc(close),
        lambda ? "Lambda expression parameters cannot be parenthesized"
               : "Function parameters cannot be parenthesized");
}

// parameters / lambda_parameters. Stops before ')' (def) or ':' (lambda).
Arguments* Parser::parse_parameters(bool lambda)
{
    auto* a = m_arena.make<Arguments>();
    Op close = lambda ? Op::Colon : Op::RPar;
    bool seen_default = false, seen_star = false, seen_slash = false, seen_kwarg = false;
    bool bare_star = false;
    Token const* star_tok = nullptr;
    auto parse_arg = [&](bool allow_star_annotation) {
        Pos s = start_pos();
        if (!at_name())
            fail();
        auto* arg = m_arena.make<Arg>();
        arg->arg = name_of(advance());
        if (!lambda && accept_op(Op::Colon))
            arg->annotation = allow_star_annotation && at_op(Op::Star) ? parse_star_expression() : parse_expression();
        arg->loc = loc_from(s);
        return arg;
    };
    while (!at_op(close)) {
        if (seen_kwarg) {
            error_last("arguments cannot follow var-keyword argument");
        }
        if (at_op(Op::Slash)) {
            Token const& sl = peek();
            if (seen_slash)
                error_at(sl, "/ may appear only once");
            if (seen_star)
                error_at(sl, "/ must be ahead of *");
            if (a->args.empty())
                error_at(sl, "at least one argument must precede /");
            advance();
            if (at_op(Op::Star))
                error_at(peek(), "expected comma between / and *");
            seen_slash = true;
            a->posonlyargs = std::move(a->args);
            a->args.clear();
        } else if (at_op(Op::Star)) {
            Token const& st = advance();
            if (seen_star)
                error_at(st, "* argument may appear only once");
            seen_star = true;
            star_tok = &st;
            if (at_op(Op::Comma) || at_op(close)) {
                bare_star = true;
                if (at_op(close) || (at_op(Op::Comma) && at_op(Op::DoubleStar, 1))) {
                    error_at(st, "named arguments must follow bare *");
                }
            } else {
                a->vararg = parse_arg(true);
                // invalid_parameters' "*args = default" rule takes an expression annotation only.
                if (at_op(Op::Equal) && a->vararg->annotation
                    && a->vararg->annotation->kind == ExprKind::Starred)
                    fail();
                if (at_op(Op::Equal))
                    error_at(peek(), "var-positional argument cannot have default value");
            }
        } else if (at_op(Op::DoubleStar)) {
            advance();
            a->kwarg = parse_arg(false);
            if (at_op(Op::Equal))
                error_at(peek(), "var-keyword argument cannot have default value");
            seen_kwarg = true;
        } else {
            if (at_op(Op::LPar) && !seen_default && !seen_slash && !seen_star)
                check_parenthesized_parameters(lambda);
            Arg* arg = parse_arg(false);
            Expr* def = nullptr;
            if (accept_op(Op::Equal)) {
                if (at_op(Op::Comma) || at_op(Op::RPar))
                    error_at(m_tokens[m_pos - 1], "expected default value expression");
                def = parse_expression();
            }
            if (seen_star) {
                a->kwonlyargs.push_back(arg);
                a->kw_defaults.push_back(def);
            } else {
                if (def) {
                    a->defaults.push_back(def);
                    seen_default = true;
                } else if (seen_default) {
                    error_node(arg->loc, "non-default argument follows default argument");
                }
                a->args.push_back(arg);
            }
        }
        if (!accept_op(Op::Comma))
            break;
    }
    if (bare_star && a->kwonlyargs.empty() && star_tok)
        error_at(*star_tok, "named arguments must follow bare *");
    if (!at_op(close))
        fail();
    return a;
}

} // namespace pystm::compiler
