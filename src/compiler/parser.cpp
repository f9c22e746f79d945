// Parser entry point, token helpers and error reporting (see parser_internal.h).
//
// Error precedence follows CPython 3.11: an error raised by the tokenizer anywhere in the file
// replaces a syntax error found by the parser (the tokenizer runs to the end before the
// parser's error is reported), and a bracket still open at the end of the file replaces a
// parser error found on a later line than the bracket.
#include "compiler/parser_internal.h"

#include <cstdlib>
#include <new>
#include <utf8proc.h>

namespace pystm::compiler {

namespace {
constexpr int kMaxDepth = 1200;

struct TokenizerErrorTag { };
} // namespace

Parser::Parser(ast::Arena& arena, Source const& src, Tokenizer& tokenizer)
    : m_arena(arena)
    , m_src(src)
    , m_tokenizer(tokenizer)
    , m_tokens(tokenizer.tokens())
{
}

bool Parser::at_soft_kw(char const* s, size_t k)
{
    Token const& t = peek(k);
    return t.type == TokType::Name && t.kw == Kw::None && text(t) == s;
}

Token const& Parser::advance()
{
    Token const& t = peek();
    if (t.type != TokType::Newline && t.type != TokType::Indent && t.type != TokType::Dedent
        && t.type != TokType::EndMarker) {
        m_end_line = t.end_line;
        m_end_col = t.end_col;
    }
    if (m_pos + 1 < m_tokens.size())
        m_pos++;
    return t;
}

bool Parser::accept_op(Op op)
{
    if (at_op(op)) {
        advance();
        return true;
    }
    return false;
}

bool Parser::accept_kw(Kw kw)
{
    if (at_kw(kw)) {
        advance();
        return true;
    }
    return false;
}

void Parser::expect_op(Op op)
{
    if (!accept_op(op))
        fail();
}

std::string Parser::name_of(Token const& t) const
{
    std::string_view s = text(t);
    for (char ch : s)
        if ((unsigned char)ch >= 128)
            return normalize_identifier(s);
    return std::string(s);
}

void Parser::enter()
{
    if (++m_depth > kMaxDepth) {
        Token const& t = peek();
        error_raw("SyntaxError", "too many nested expressions", t.line, t.col + 1, t.end_line, t.end_col + 1);
    }
}

void Parser::raise_tokenizer_error()
{
    m_tokenizer_error = true;
    throw SyntaxErrorException { *m_tokenizer.error() };
}

void Parser::error_raw(char const* kind, std::string msg, int line, int offset, int end_line, int end_offset)
{
    if (m_in_fstring) {
        msg = "f-string: " + msg;
        offset -= line == m_fstring_line ? m_fstring_col : m_fstring_start_col;
        if (end_offset > 0)
            end_offset -= end_line == m_fstring_line ? m_fstring_col : m_fstring_start_col;
    }
    throw SyntaxErrorException { make_error(m_src, kind, std::move(msg), line, offset, end_line, end_offset) };
}

void Parser::error_at(Token const& t, std::string msg, char const* kind)
{
    error_raw(kind, std::move(msg), t.line, t.col + 1, t.end_line, t.end_col + 1);
}

void Parser::error_range(ast::Loc const& a, ast::Loc const& b, std::string msg, char const* kind)
{
    error_raw(kind, std::move(msg), a.line, a.col + 1, b.end_line, b.end_col + 1);
}

void Parser::error_last(std::string msg, char const* kind)
{
    Token const& t = m_tokens[m_max];
    if (t.type == TokType::Indent || t.type == TokType::Dedent) {
        // CPython's INDENT/DEDENT tokens have no columns; it reports the scanning position.
        error_raw(kind, std::move(msg), t.line, t.col, t.line, -1);
    }
    error_at(t, std::move(msg), kind);
}

void Parser::fail()
{
    Token const& t = m_tokens[m_max];
    if (t.type == TokType::Indent)
        error_last("unexpected indent", "IndentationError");
    if (t.type == TokType::Dedent)
        error_last("unexpected unindent", "IndentationError");
    error_last("invalid syntax");
}

ast::Mod* Parser::parse_file(ParseMode mode)
{
    m_mode = mode;
    auto* mod = m_arena.make<ast::Mod>();
    if (mode == ParseMode::Eval) {
        mod->kind = ast::ModKind::Expression;
        mod->expr = parse_expressions();
        while (at_type(TokType::Newline))
            advance();
        if (!at_type(TokType::EndMarker))
            fail();
        return mod;
    }
    if (mode == ParseMode::Single) {
        mod->kind = ast::ModKind::Interactive;
        while (at_type(TokType::Newline))
            advance();
        if (at_type(TokType::EndMarker))
            return mod;
        parse_statement(mod->body);
        while (at_type(TokType::Newline))
            advance();
        if (!at_type(TokType::EndMarker)) {
            Token const& t = peek();
            error_raw("SyntaxError", "multiple statements found while compiling a single statement",
                t.line, t.col + 1, t.end_line, t.end_col + 1);
        }
        return mod;
    }
    mod->kind = ast::ModKind::Module;
    while (!at_type(TokType::EndMarker)) {
        if (at_type(TokType::Newline)) {
            advance();
            continue;
        }
        parse_statement(mod->body);
    }
    return mod;
}

ast::Expr* Parser::parse_fstring_field()
{
    // The field reads "( star_expressions )"; a lone name or group keeps the inner location.
    Token const& lpar = peek();
    (void)lpar;
    ast::Expr* e = parse_atom();
    if (!at_type(TokType::EndMarker))
        fail();
    return e;
}

std::string normalize_identifier(std::string_view s)
{
    utf8proc_uint8_t* out = utf8proc_NFKC(reinterpret_cast<utf8proc_uint8_t const*>(std::string(s).c_str()));
    if (!out)
        return std::string(s);
    std::string r(reinterpret_cast<char*>(out));
    free(out);
    return r;
}

ast::Mod* parse(ast::Arena& arena, std::string_view source, std::string_view filename,
    ParseMode mode, bool from_bytes)
{
    Source src;
    load_source(src, source, filename, from_bytes);
    Tokenizer tokenizer(src);
    tokenizer.run();
    arena.m_warnings = tokenizer.warnings();
    Parser parser(arena, src, tokenizer);
    try {
        return parser.parse_file(mode);
    } catch (SyntaxErrorException& e) {
        if (parser.m_tokenizer_error || !tokenizer.error())
            throw;
        Token const& last = parser.m_tokens[parser.m_max];
        bool indentation = e.info.kind == "IndentationError"
            && (e.info.msg == "unexpected indent" || e.info.msg == "unexpected unindent");
        if (indentation)
            throw;
        if (tokenizer.error_overrides())
            throw SyntaxErrorException { *tokenizer.error() };
        if (tokenizer.unclosed_line() && last.line > tokenizer.unclosed_line())
            throw SyntaxErrorException { *tokenizer.error() };
        throw;
    } catch (std::bad_alloc&) {
        SyntaxErrorInfo info;
        info.msg = "out of memory while parsing";
        info.filename = std::string(filename);
        throw SyntaxErrorException { info };
    }
}

} // namespace pystm::compiler
