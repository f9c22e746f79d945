// String literals: prefix handling, escape decoding, implicit concatenation and f-strings
// (3.11 rules: the replacement field's expression is found by scanning with quote and bracket
// tracking, then parsed by a sub-parser over the same source text, so its nodes carry real
// source positions).
//
// Locations follow CPython 3.11: the Constant/JoinedStr for a run of adjacent literals spans
// all of them, and so do the FormattedValue nodes and literal pieces inside it, except that a
// format spec's JoinedStr (and its trailing literal) spans only the token that contains it.
// Errors found while decoding are reported at the token after the literals, as CPython does.
#include "base/unicode_names.h"
#include "base/utf8.h"
#include "compiler/parser_internal.h"

namespace pystm::compiler {

using namespace ast;

namespace {

int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

struct StrToken {
    Token const* tok;
    bool bytes = false, raw = false, fstr = false;
    uint32_t body_start = 0, body_end = 0; // source offsets of the text between the quotes
};

} // namespace

namespace {

// Decodes the escapes of a str (bytes_mode false) or bytes literal body. Returns an error
// message (empty on success).
std::string decode_escapes(std::string_view s, bool bytes_mode, std::string& out)
{
    size_t n = s.size();
    for (size_t i = 0; i < n;) {
        char ch = s[i];
        if (ch != '\\') {
            out += ch;
            i++;
            continue;
        }
        size_t esc = i;
        i++;
        if (i >= n) {
            return bytes_mode ? "(value error) Trailing \\ in string"
                              : "(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position "
                    + std::to_string(esc) + ": \\ at end of string";
        }
        char c = s[i++];
        switch (c) {
        case '\n': break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            uint32_t v = uint32_t(c - '0');
            for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
                v = v * 8 + uint32_t(s[i++] - '0');
            if (bytes_mode)
                out += char(v & 0xFF);
            else
                append_utf8(out, v);
            break;
        }
        case 'x': case 'u': case 'U': {
            if (bytes_mode && c != 'x') {
                out += '\\';
                out += c;
                break;
            }
            int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            uint32_t v = 0;
            int k = 0;
            for (; k < digits && i < n && hexval(s[i]) >= 0; k++)
                v = v * 16 + uint32_t(hexval(s[i++]));
            if (k < digits) {
                if (bytes_mode)
                    return "(value error) invalid \\x escape at position " + std::to_string(esc);
                char const* what = c == 'x' ? "truncated \\xXX escape" : c == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
                return "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(esc)
                    + "-" + std::to_string(i - 1) + ": " + what;
            }
            if (v > 0x10FFFF)
                return "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(esc)
                    + "-" + std::to_string(i - 1) + ": illegal Unicode character";
            if (bytes_mode)
                out += char(v);
            else
                append_utf8(out, v);
            break;
        }
        case 'N':
            if (!bytes_mode) {
                // Positions as CPython's unicodeescape decoder reports them: from the backslash
                // to the last byte consumed.
                auto fail = [&](size_t stop, char const* what) {
                    return "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(esc)
                        + "-" + std::to_string(stop - 1) + ": " + what;
                };
                if (i >= n || s[i] != '{')
                    return fail(i, "malformed \\N character escape");
                size_t start = i + 1, e = start;
                while (e < n && s[e] != '}')
                    e++;
                if (e >= n)
                    return fail(n, "malformed \\N character escape");
                if (e == start)
                    return fail(e, "malformed \\N character escape");
                std::u32string cp;
                if (!unicode::lookup(s.substr(start, e - start), false, &cp)) {
                    std::string why;
                    if (!unicode::database_available(&why))
                        return fail(e + 1, ("unknown Unicode character name: " + why).c_str());
                    return fail(e + 1, "unknown Unicode character name");
                }
                append_utf8(out, static_cast<uint32_t>(cp[0]));
                i = e + 1;
                break;
            }
            out += '\\';
            out += c;
            break;
        default:
            // Invalid escapes are kept verbatim (CPython only warns).
            out += '\\';
            out += c;
            break;
        }
    }
    return {};
}

struct FState {
    std::string last;
    bool has_last = false;
    ExprList values;
    bool fmode = false;
};

class FStringParser {
public:
    FStringParser(Parser& p, ast::Loc whole, bool first_is_u)
        : m_p(p)
        , m_whole(whole)
        , m_first_u(first_is_u)
    {
    }

    Parser& m_p;
    ast::Loc m_whole;
    bool m_first_u;
    std::string_view m_text; // the source

    [[noreturn]] void error(std::string msg) { m_p.error_last(std::move(msg)); }

    ConstantExpr* make_str(std::string s, ast::Loc loc, bool u)
    {
        auto* c = m_p.make_at<ConstantExpr>(loc);
        c->value.kind = ConstantValue::Kind::Str;
        c->value.text = std::move(s);
        c->kind_u = u;
        return c;
    }

    void add_literal(FState& st, std::string s)
    {
        if (s.empty())
            return;
        st.last += s;
        st.has_last = true;
    }

    void flush(FState& st)
    {
        if (st.has_last) {
            st.values.push_back(make_str(std::move(st.last), m_whole, m_first_u));
            st.last.clear();
            st.has_last = false;
        }
    }

    std::string decode_literal(uint32_t b, uint32_t e, bool raw)
    {
        std::string out;
        std::string_view s = m_text.substr(b, e - b);
        if (raw) {
            out.assign(s);
            return out;
        }
        std::string err = decode_escapes(s, false, out);
        if (!err.empty())
            error(err);
        return out;
    }

    // Parses f-string text [s, end) of token t into st. Returns the position reached.
    uint32_t parse(FState& st, uint32_t s, uint32_t end, bool raw, int recurse, StrToken const& t)
    {
        st.fmode = true;
        for (;;) {
            // Literal part.
            uint32_t lit_start = s;
            bool doubled = false;
            while (s < end) {
                char ch = m_text[s++];
                if (!raw && ch == '\\' && s < end) {
                    ch = m_text[s++];
                    if (ch == 'N') {
                        if (s < end && m_text[s++] == '{') {
                            while (s < end && m_text[s++] != '}') { }
                            continue;
                        }
                        break;
                    }
                }
                if (ch == '{' || ch == '}') {
                    if (recurse == 0) {
                        if (s < end && m_text[s] == ch) {
                            add_literal(st, decode_literal(lit_start, s, raw));
                            s++;
                            doubled = true;
                            break;
                        }
                        if (ch == '}') {
                            error("f-string: single '}' is not allowed");
                        }
                    }
                    s--;
                    break;
                }
            }
            if (doubled)
                continue;
            if (lit_start != s)
                add_literal(st, decode_literal(lit_start, s, raw));
            if (s >= end || m_text[s] == '}')
                break;
            // Expression part: m_text[s] == '{'.
            Expr* fv = parse_field(s, end, raw, recurse, t);
            if (m_has_debug)
                add_literal(st, m_pending_debug);
            flush(st);
            st.values.push_back(fv);
        }
        if (recurse != 0 && (s >= end || m_text[s] != '}'))
            error("f-string: expecting '}'");
        return s;
    }

    Expr* parse_field(uint32_t& s, uint32_t end, bool raw, int recurse, StrToken const& t)
    {
        if (recurse >= 2)
            error("f-string: expressions nested too deeply");
        uint32_t brace = s;
        s++;
        uint32_t expr_start = s;
        char quote = 0;
        int string_type = 0;
        std::vector<char> parens;
        for (; s < end; s++) {
            char ch = m_text[s];
            if (ch == '\\')
                error("f-string expression part cannot include a backslash");
            if (quote) {
                if (ch == quote) {
                    if (string_type == 3) {
                        if (s + 2 < end && m_text[s + 1] == ch && m_text[s + 2] == ch) {
                            s += 2;
                            string_type = 0;
                            quote = 0;
                        }
                    } else {
                        string_type = 0;
                        quote = 0;
                    }
                }
                continue;
            }
            if (ch == '\'' || ch == '"') {
                if (s + 2 < end && m_text[s + 1] == ch && m_text[s + 2] == ch) {
                    string_type = 3;
                    s += 2;
                } else {
                    string_type = 1;
                }
                quote = ch;
            } else if (ch == '[' || ch == '{' || ch == '(') {
                if (parens.size() >= 200)
                    error("f-string: too many nested parenthesis");
                parens.push_back(ch);
            } else if (ch == '#') {
                error("f-string expression part cannot include '#'");
            } else if (parens.empty() && (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
                if (s + 1 < end) {
                    char next = m_text[s + 1];
                    if ((ch == '!' && next == '=') || (ch == '=' && next == '=') || (ch == '<' && next == '=')
                        || (ch == '>' && next == '=')) {
                        s++;
                        continue;
                    }
                    if (ch == '>' || ch == '<')
                        continue;
                }
                break;
            } else if (ch == ']' || ch == '}' || ch == ')') {
                if (parens.empty())
                    error(std::string("f-string: unmatched '") + ch + "'");
                char open = parens.back();
                parens.pop_back();
                if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') || (open == '{' && ch == '}')))
                    error(std::string("f-string: closing parenthesis '") + ch + "' does not match opening parenthesis '" + open + "'");
            }
        }
        uint32_t expr_end = s;
        if (quote)
            error("f-string: unterminated string");
        if (!parens.empty())
            error(std::string("f-string: unmatched '") + parens.back() + "'");
        if (s >= end)
            error("f-string: expecting '}'");
        // Compile the expression.
        bool blank = true;
        for (uint32_t i = expr_start; i < expr_end; i++) {
            char c = m_text[i];
            if (!(c == ' ' || c == '\t' || c == '\n' || c == '\f')) {
                blank = false;
                break;
            }
        }
        if (blank)
            error("f-string: empty expression not allowed");
        Expr* value = compile_expr(brace, expr_end, *t.tok);
        std::string expr_text;
        bool debug = false;
        if (m_text[s] == '=') {
            s++;
            while (s < end && (m_text[s] == ' ' || m_text[s] == '\t' || m_text[s] == '\n' || m_text[s] == '\r'
                       || m_text[s] == '\f' || m_text[s] == '\v'))
                s++;
            expr_text.assign(m_text.substr(expr_start, s - expr_start));
            debug = true;
        }
        int conversion = -1;
        if (s < end && m_text[s] == '!') {
            s++;
            if (s >= end)
                error("f-string: expecting '}'");
            conversion = (unsigned char)m_text[s];
            s++;
            if (!(conversion == 's' || conversion == 'r' || conversion == 'a'))
                error("f-string: invalid conversion character: expected 's', 'r', or 'a'");
        }
        if (s >= end)
            error("f-string: expecting '}'");
        Expr* format_spec = nullptr;
        if (m_text[s] == ':') {
            s++;
            if (s >= end)
                error("f-string: expecting '}'");
            FState spec;
            s = parse(spec, s, end, raw, recurse + 1, t);
            ast::Loc tl { t.tok->line, t.tok->col, t.tok->end_line, t.tok->end_col };
            if (spec.has_last) {
                spec.values.push_back(make_str(std::move(spec.last), tl, m_p.text(*t.tok)[0] == 'u'));
                spec.has_last = false;
            }
            auto* js = m_p.make_at<JoinedStrExpr>(tl);
            js->values = std::move(spec.values);
            format_spec = js;
        }
        if (s >= end || m_text[s] != '}')
            error("f-string: expecting '}'");
        s++;
        if (debug && !format_spec && conversion == -1)
            conversion = 'r';
        auto* fv = m_p.make_at<FormattedValueExpr>(m_whole);
        fv->value = value;
        fv->conversion = conversion;
        fv->format_spec = format_spec;
        if (debug)
            m_pending_debug = std::move(expr_text);
        else
            m_pending_debug.clear();
        m_has_debug = debug;
        return fv;
    }

    std::string m_pending_debug;
    bool m_has_debug = false;

    Expr* compile_expr(uint32_t brace, uint32_t expr_end, Token const& string_tok)
    {
        Tokenizer tok(m_p.m_src, brace, expr_end + 1, true);
        tok.run();
        if (tok.error()) {
            m_p.m_tokenizer_error = true;
            throw SyntaxErrorException { *tok.error() };
        }
        Parser sub(m_p.m_arena, m_p.m_src, tok);
        sub.m_in_fstring = true;
        Token const& first = tok.tokens()[0];
        sub.m_fstring_col = first.col;
        sub.m_fstring_line = first.line;
        // CPython's fstring_find_expr_location: the string token's column, plus the brace's
        // distance from the token's start (or from its line's start, on a later line of the
        // token), unless only blanks follow the brace on its line.
        uint32_t i = brace + 1;
        while (i < expr_end && (m_text[i] == ' ' || m_text[i] == '\t' || m_text[i] == '\f'))
            i++;
        bool newline_after_brace = i >= expr_end || m_text[i] == '\n' || m_text[i] == '}';
        if (newline_after_brace)
            sub.m_fstring_start_col = string_tok.col;
        else if (first.line == string_tok.line)
            sub.m_fstring_start_col = first.col;
        else
            sub.m_fstring_start_col = string_tok.col + first.col;
        sub.m_depth = m_p.m_depth;
        return sub.parse_fstring_field();
    }
};

} // namespace

Expr* Parser::parse_strings()
{
    size_t first_index = m_pos;
    std::vector<StrToken> toks;
    while (at_type(TokType::String)) {
        Token const& t = advance();
        StrToken st;
        st.tok = &t;
        uint32_t i = t.start;
        char const* text_p = m_src.text.data();
        while (text_p[i] != '\'' && text_p[i] != '"') {
            char c = char(tolower((unsigned char)text_p[i]));
            if (c == 'b')
                st.bytes = true;
            else if (c == 'r')
                st.raw = true;
            else if (c == 'f')
                st.fstr = true;
            i++;
        }
        char q = text_p[i];
        int qs = (t.end - i >= 6 && text_p[i + 1] == q && text_p[i + 2] == q) ? 3 : 1;
        st.body_start = i + uint32_t(qs);
        st.body_end = t.end - uint32_t(qs);
        toks.push_back(st);
    }
    peek(); // CPython reports string errors at the token after the literals
    Token const& first = m_tokens[first_index];
    Token const& last = *toks.back().tok;
    ast::Loc whole { first.line, first.col, last.end_line, last.end_col };
    bool any_bytes = false, any_str = false;
    for (auto& st : toks)
        (st.bytes ? any_bytes : any_str) = true;
    if (any_bytes && any_str)
        error_last("cannot mix bytes and nonbytes literals");
    std::string_view src = m_src.text;
    if (any_bytes) {
        std::string out;
        for (auto& st : toks) {
            std::string_view body = src.substr(st.body_start, st.body_end - st.body_start);
            for (char ch : body)
                if ((unsigned char)ch >= 0x80)
                    error_at(*st.tok, "bytes can only contain ASCII literal characters");
            if (st.raw || body.find('\\') == std::string_view::npos) {
                out += body;
            } else {
                std::string err = decode_escapes(body, true, out);
                if (!err.empty())
                    error_last(err);
            }
        }
        auto* c = make_at<ConstantExpr>(whole);
        c->value.kind = ConstantValue::Kind::Bytes;
        c->value.text = std::move(out);
        return c;
    }
    bool first_u = src[first.start] == 'u';
    FStringParser fp(*this, whole, first_u);
    fp.m_text = src;
    FState st;
    for (auto& t : toks) {
        if (t.fstr) {
            fp.parse(st, t.body_start, t.body_end, t.raw, 0, t);
        } else {
            std::string_view body = src.substr(t.body_start, t.body_end - t.body_start);
            std::string out;
            if (t.raw || body.find('\\') == std::string_view::npos) {
                out.assign(body);
            } else {
                std::string err = decode_escapes(body, false, out);
                if (!err.empty())
                    error_last(err);
            }
            fp.add_literal(st, std::move(out));
        }
    }
    if (!st.fmode) {
        auto* c = make_at<ConstantExpr>(whole);
        c->value.kind = ConstantValue::Kind::Str;
        c->value.text = std::move(st.last);
        c->kind_u = first_u;
        return c;
    }
    fp.flush(st);
    auto* js = make_at<JoinedStrExpr>(whole);
    js->values = std::move(st.values);
    return js;
}

} // namespace pystm::compiler
