// Private interface of the recursive-descent parser (parser*.cpp).
//
// The parser reads the token vector produced up front by the Tokenizer. Locations follow
// CPython's PEG actions: a node starts at its first token and ends at the last
// non-whitespace token consumed (PAR-1). Syntax errors are thrown as SyntaxErrorException;
// a generic failure reports "invalid syntax" at the furthest token examined, as CPython's
// parser reports its last fetched token (PAR-2). Recursion is bounded by kMaxDepth (PAR-3).
#pragma once

#include "compiler/ast.h"
#include "compiler/parser.h"
#include "compiler/tokenizer.h"

namespace pystm::compiler {

class Parser {
public:
    Parser(ast::Arena& arena, Source const& src, Tokenizer& tokenizer);

    ast::Mod* parse_file(ParseMode mode);
    // For f-string replacement fields: the token stream is "( expr )".
    ast::Expr* parse_fstring_field();

    // Set for a sub-parser of an f-string field: prefixes error messages and shifts columns as
    // CPython 3.11 does. On the line of the opening brace, columns count from the brace; on the
    // field's later lines, CPython subtracts its "starting column" (m_fstring_start_col) from
    // the real column, which can give odd (even negative) offsets.
    bool m_in_fstring = false;
    int m_fstring_col = 0;
    int m_fstring_line = 0;
    int m_fstring_start_col = 0;

    // ---- tokens ----
    Token const& peek(size_t k = 0)
    {
        size_t i = m_pos + k;
        if (i >= m_tokens.size())
            i = m_tokens.size() - 1;
        if (i > m_max)
            m_max = i;
        Token const& t = m_tokens[i];
        if (t.type == TokType::Error)
            raise_tokenizer_error();
        return t;
    }
    bool at_op(Op op, size_t k = 0) { Token const& t = peek(k); return t.type == TokType::Op && t.op == op; }
    bool at_kw(Kw kw, size_t k = 0) { Token const& t = peek(k); return t.type == TokType::Name && t.kw == kw; }
    bool at_type(TokType type, size_t k = 0) { return peek(k).type == type; }
    bool at_name(size_t k = 0) { Token const& t = peek(k); return t.type == TokType::Name && t.kw == Kw::None; }
    bool at_soft_kw(char const* s, size_t k = 0);
    Token const& advance();
    bool accept_op(Op op);
    bool accept_kw(Kw kw);
    void expect_op(Op op);
    std::string_view text(Token const& t) const { return std::string_view(m_src.text).substr(t.start, t.end - t.start); }
    std::string name_of(Token const& t) const;

    // ---- locations (PAR-1) ----
    struct Pos {
        int line, col;
    };
    Pos start_pos() { Token const& t = peek(); return { t.line, t.col }; }
    ast::Loc loc_from(Pos p) const { return { p.line, p.col, m_end_line, m_end_col }; }
    template <class T> T* make(Pos p)
    {
        T* n = m_arena.template make<T>();
        n->loc = loc_from(p);
        return n;
    }
    template <class T> T* make_at(ast::Loc loc)
    {
        T* n = m_arena.template make<T>();
        n->loc = loc;
        return n;
    }

    // ---- errors ----
    [[noreturn]] void raise_tokenizer_error();
    [[noreturn]] void fail(); // "invalid syntax" at the furthest token (PAR-2)
    [[noreturn]] void error_at(Token const& t, std::string msg, char const* kind = "SyntaxError");
    [[noreturn]] void error_range(ast::Loc const& a, ast::Loc const& b, std::string msg, char const* kind = "SyntaxError");
    [[noreturn]] void error_node(ast::Loc const& a, std::string msg) { error_range(a, a, std::move(msg)); }
    [[noreturn]] void error_last(std::string msg, char const* kind = "SyntaxError"); // at the furthest token
    [[noreturn]] void error_raw(char const* kind, std::string msg, int line, int offset, int end_line, int end_offset);
    void enter();
    void leave() { m_depth--; }

    // ---- statements (parser_stmt.cpp) ----
    void parse_statements_until_dedent(ast::StmtList& out);
    void parse_statement(ast::StmtList& out);
    void parse_simple_stmts(ast::StmtList& out);
    ast::Stmt* parse_simple_stmt();
    ast::Stmt* parse_expr_stmt();
    void parse_block(ast::StmtList& out, char const* what, Token const& kw_tok);
    ast::Stmt* parse_compound(Token const& first);
    ast::Stmt* parse_if(bool elif);
    ast::Stmt* parse_while();
    ast::Stmt* parse_for(Pos start, bool is_async);
    ast::Stmt* parse_with(Pos start, bool is_async);
    ast::Stmt* parse_try();
    ast::Stmt* parse_funcdef(Pos start, ast::ExprList decorators, bool is_async);
    ast::Stmt* parse_classdef(Pos start, ast::ExprList decorators);
    ast::Stmt* parse_decorated();
    ast::Stmt* parse_import();
    ast::Stmt* parse_from_import();
    ast::Stmt* parse_match();
    // Set by parse_match() when "match <subject>" is followed by a NEWLINE: the NEWLINE, where
    // CPython's invalid_match_stmt reports "expected ':'" if the line is no statement either.
    Token const* m_match_newline = nullptr;
    ast::Arguments* parse_parameters(bool lambda);
    void check_legacy_print(Token const& first);

    // ---- patterns (parser_pattern.cpp) ----
    ast::Pattern* parse_patterns();
    ast::Pattern* parse_pattern();
    ast::Pattern* parse_or_pattern();
    ast::Pattern* parse_closed_pattern();
    ast::Expr* parse_pattern_value(bool allow_complex);

    // ---- expressions (parser_expr.cpp) ----
    ast::Expr* parse_star_expressions(); // a, *b, c  (tuple if a comma)
    ast::Expr* parse_star_expression();
    ast::Expr* parse_star_named_expression();
    ast::Expr* parse_named_expression();
    ast::Expr* parse_expressions();
    ast::Expr* parse_expression();
    ast::Expr* parse_yield_expr();
    ast::Expr* parse_disjunction();
    ast::Expr* parse_conjunction();
    ast::Expr* parse_bool_op(Kw keyword, ast::BoolOpKind kind, ast::Expr* (Parser::*operand)());
    ast::Expr* parse_inversion();
    ast::Expr* parse_comparison();
    ast::Expr* parse_bitwise_or();
    ast::Expr* parse_binary(int level);
    ast::Expr* parse_factor();
    ast::Expr* parse_power();
    ast::Expr* parse_primary(bool allow_await);
    ast::Expr* parse_atom();
    ast::Expr* parse_paren();
    ast::Expr* parse_list();
    bool at_comprehension_for();
    [[noreturn]] void unparenthesized_comprehension_target(std::vector<ast::Expr*> const& elts);
    ast::Expr* parse_brace();
    ast::Expr* parse_slices();
    ast::Expr* parse_slice();
    ast::Expr* parse_lambda();
    void parse_call_args(ast::CallExpr* call, Token const& lpar, bool allow_genexp = true);
    void probe_more_args();
    void check_parenthesized_parameters(bool lambda);
    void parse_comprehension(std::vector<ast::Comprehension*>& out);
    ast::Expr* parse_target_list(int type, Token const& first); // star_targets for for/with/comp
    bool starts_expression(size_t k = 0);
    void check_missing_comma(ast::Expr* a, Token const& first);
    ast::Expr* parse_number(Token const& t);

    // ---- targets ----
    enum { STAR_TARGETS, DEL_TARGETS, FOR_TARGETS };
    ast::Expr* invalid_target(ast::Expr* e, int type);
    void set_context(ast::Expr* e, ast::ExprContext ctx);
    void check_target(ast::Expr* e, int type);
    static char const* expr_name(ast::Expr* e);

    // ---- strings (parser_fstring.cpp) ----
    ast::Expr* parse_strings();

    ast::Arena& m_arena;
    Source const& m_src;
    Tokenizer& m_tokenizer;
    std::vector<Token>& m_tokens;
    size_t m_pos = 0;
    size_t m_max = 0;
    int m_end_line = 1, m_end_col = 0;
    int m_depth = 0;
    // Nesting of async functions is irrelevant to the parser; only used for error choices.
    ParseMode m_mode = ParseMode::Exec;
    bool m_tokenizer_error = false; // the error being thrown came from the tokenizer
};

// NFKC-normalises a non-ASCII identifier, as CPython does for every identifier.
std::string normalize_identifier(std::string_view s);

struct DepthGuard {
    Parser& p;
    explicit DepthGuard(Parser& parser) : p(parser) { p.enter(); }
    ~DepthGuard() { p.leave(); }
};

} // namespace pystm::compiler
