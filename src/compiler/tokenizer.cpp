// The Python 3.11 tokenizer (see tokenizer.h).
//
// The scanning logic follows the documented lexical grammar and reproduces CPython's error
// messages and error columns: errors raised "at the current character" report the number of
// characters from the line start to the scanning position (CPython's syntaxerror()), which is
// why the scanner keeps CPython's order of reading and backing up characters.
#include "compiler/tokenizer.h"
#include "objects/str_internal.h"

#include <cerrno>
#include <cstring>
#include <iconv.h>
#include <utf8proc.h>

namespace pystm::compiler {

namespace {

constexpr int kEOF = -1;
constexpr size_t kMaxParenLevel = 200;
constexpr size_t kMaxIndent = 100;

bool is_id_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128; }
bool is_id_char(int c) { return is_id_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_xdigit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

struct KwEntry {
    char const* text;
    Kw kw;
};
KwEntry const s_keywords[] = {
    { "False", Kw::False }, { "None", Kw::NoneKw }, { "True", Kw::True }, { "and", Kw::And },
    { "as", Kw::As }, { "assert", Kw::Assert }, { "async", Kw::Async }, { "await", Kw::Await },
    { "break", Kw::Break }, { "class", Kw::Class }, { "continue", Kw::Continue },
    { "def", Kw::Def }, { "del", Kw::Del }, { "elif", Kw::Elif }, { "else", Kw::Else },
    { "except", Kw::Except }, { "finally", Kw::Finally }, { "for", Kw::For },
    { "from", Kw::From }, { "global", Kw::Global }, { "if", Kw::If }, { "import", Kw::Import },
    { "in", Kw::In }, { "is", Kw::Is }, { "lambda", Kw::Lambda }, { "nonlocal", Kw::Nonlocal },
    { "not", Kw::Not }, { "or", Kw::Or }, { "pass", Kw::Pass }, { "raise", Kw::Raise },
    { "return", Kw::Return }, { "try", Kw::Try }, { "while", Kw::While }, { "with", Kw::With },
    { "yield", Kw::Yield },
};

Kw lookup_keyword(std::string_view s)
{
    if (s.size() < 2 || s.size() > 8)
        return Kw::None;
    for (auto const& e : s_keywords)
        if (s == e.text)
            return e.kw;
    return Kw::None;
}

// Decodes one UTF-8 sequence (the source was validated); returns its length.
int decode_utf8(char const* p, size_t n, int32_t& cp)
{
    utf8proc_ssize_t len = utf8proc_iterate(reinterpret_cast<utf8proc_uint8_t const*>(p),
        utf8proc_ssize_t(n), &cp);
    if (len <= 0) {
        cp = 0xFFFD;
        return 1;
    }
    return int(len);
}

std::string utf8_encode(int32_t cp)
{
    utf8proc_uint8_t buf[8];
    auto n = utf8proc_encode_char(cp, buf);
    return std::string(reinterpret_cast<char*>(buf), size_t(n));
}

std::string hex4(int32_t cp)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%04X", unsigned(cp));
    return buf;
}

} // namespace

// ---- Source ------------------------------------------------------------------------------------

std::string_view Source::line_text(int lineno) const
{
    if (lineno < 1 || size_t(lineno) > line_starts.size())
        return {};
    uint32_t b = line_starts[size_t(lineno) - 1];
    uint32_t e = size_t(lineno) < line_starts.size() ? line_starts[size_t(lineno)] : uint32_t(text.size());
    return std::string_view(text).substr(b, e - b);
}

int Source::char_offset(int lineno, int bytes) const
{
    if (byte_offsets)
        return bytes;
    std::string_view line = line_text(lineno);
    if (bytes > int(line.size()) + 1)
        bytes = int(line.size()) + 1;
    int n = 0;
    for (int i = 0; i < bytes && size_t(i) < line.size();) {
        int32_t cp;
        i += decode_utf8(line.data() + i, line.size() - size_t(i), cp);
        n++;
    }
    if (bytes > int(line.size()))
        n += bytes - int(line.size());
    return n;
}

int Source::line_of(uint32_t offset) const
{
    size_t lo = 0, hi = line_starts.size();
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return int(lo) + 1;
}

SyntaxErrorInfo make_error(Source const& src, char const* kind, std::string msg, int lineno,
    int byte_offset, int end_lineno, int end_byte_offset)
{
    SyntaxErrorInfo info;
    info.kind = kind;
    info.msg = std::move(msg);
    info.filename = src.filename;
    info.lineno = lineno;
    info.end_lineno = end_lineno;
    info.offset = byte_offset > 0 ? src.char_offset(lineno, byte_offset) : byte_offset;
    // CPython converts the end column against the *start* line's text.
    info.end_offset = end_byte_offset > 0 ? src.char_offset(lineno, end_byte_offset) : end_byte_offset;
    info.text = std::string(src.line_text(lineno));
    return info;
}

namespace {

[[noreturn]] void source_error(std::string_view filename, std::string msg, int lineno, int offset)
{
    SyntaxErrorInfo info;
    info.msg = std::move(msg);
    info.filename = std::string(filename);
    info.lineno = lineno;
    info.offset = offset;
    info.end_lineno = lineno;
    info.end_offset = offset;
    throw SyntaxErrorException { std::move(info) };
}

// PEP 263: a coding declaration on line 1 or 2 (line 2 only if line 1 is a comment or blank).
std::string find_coding(std::string_view raw, int& line_out)
{
    size_t pos = 0;
    for (int line = 1; line <= 2 && pos < raw.size(); line++) {
        size_t e = raw.find('\n', pos);
        std::string_view l = raw.substr(pos, e == std::string_view::npos ? raw.size() - pos : e - pos);
        size_t i = 0;
        while (i < l.size() && (l[i] == ' ' || l[i] == '\t' || l[i] == '\f'))
            i++;
        if (i < l.size() && l[i] == '#') {
            size_t c = l.find("coding", i);
            if (c != std::string_view::npos && c + 6 < l.size() && (l[c + 6] == ':' || l[c + 6] == '=')) {
                size_t s = c + 7;
                while (s < l.size() && (l[s] == ' ' || l[s] == '\t'))
                    s++;
                size_t t = s;
                while (t < l.size() && (isalnum((unsigned char)l[t]) || l[t] == '-' || l[t] == '_' || l[t] == '.'))
                    t++;
                if (t > s) {
                    line_out = line;
                    return std::string(l.substr(s, t - s));
                }
            }
        } else if (i < l.size() && l[i] != '\r') {
            break; // a non-comment line ends the search
        }
        if (e == std::string_view::npos)
            break;
        pos = e + 1;
    }
    return {};
}

std::string normalize_encoding(std::string const& enc)
{
    std::string s;
    for (char ch : enc)
        s += ch == '_' ? '-' : char(tolower((unsigned char)ch));
    if (s.size() > 8 && s.compare(0, 6, "utf-8-") == 0)
        return "utf-8";
    if (s == "utf-8" || s == "utf8")
        return "utf-8";
    if (s == "latin-1" || s == "iso-8859-1" || s == "iso-latin-1" || s == "latin1" || s == "l1"
        || s.compare(0, 8, "latin-1-") == 0 || s.compare(0, 11, "iso-8859-1-") == 0
        || s.compare(0, 12, "iso-latin-1-") == 0)
        return "latin-1";
    if (s == "ascii" || s == "us-ascii")
        return "utf-8"; // a subset; non-ASCII input is rejected by the UTF-8 check below
    return s;
}

} // namespace

int non_utf8_file_byte(std::string_view raw, int* line)
{
    if (raw.substr(0, 3) == "\xEF\xBB\xBF")
        return -1;
    int coding_line = 0;
    if (!find_coding(raw, coding_line).empty())
        return -1;
    // The tokenizer's valid_utf8(): lead byte and continuation bytes only, checked line by line.
    *line = 1;
    for (size_t i = 0; i < raw.size();) {
        auto c = static_cast<unsigned char>(raw[i]);
        if (c == '\n')
            ++*line;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t expected = c < 0xC0 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : c < 0xF8 ? 3 : 0;
        bool ok = expected > 0 && i + expected < raw.size();
        for (size_t k = 1; ok && k <= expected; k++) {
            auto d = static_cast<unsigned char>(raw[i + k]);
            ok = d >= 0x80 && d < 0xC0;
        }
        if (!ok)
            return c;
        i += expected + 1;
    }
    return -1;
}

void load_source(Source& out, std::string_view raw, std::string_view filename, bool from_bytes)
{
    out.filename = std::string(filename);
    bool bom = false;
    // Only bytes may start with a BOM: in a str, U+FEFF is an invalid character, as in CPython.
    if (from_bytes && raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF") {
        raw.remove_prefix(3);
        bom = true;
    }
    if (raw.find('\0') != std::string_view::npos)
        source_error(filename, "source code string cannot contain null bytes", 0, 0);
    int coding_line = 0;
    std::string enc = find_coding(raw, coding_line);
    out.byte_offsets = from_bytes && !bom && enc.empty();
    std::string decoded;
    if (!enc.empty()) {
        std::string norm = normalize_encoding(enc);
        std::string lower;
        for (char ch : enc)
            lower += char(tolower((unsigned char)ch));
        if (bom && lower != "utf-8" && lower.compare(0, 6, "utf-8-") != 0)
            source_error(filename, "encoding problem: " + enc + " with BOM", 0, -1);
        if (norm == "latin-1") {
            for (unsigned char ch : raw) {
                if (ch < 128)
                    decoded += char(ch);
                else
                    decoded += utf8_encode(ch);
            }
            raw = decoded;
        } else if (norm != "utf-8") {
            // Other codecs go through iconv, which knows the common Python codec names.
            iconv_t cd = iconv_open("UTF-8", norm.c_str());
            if (cd == (iconv_t)-1)
                source_error(filename, "unknown encoding: " + enc, 0, -1);
            std::string in(raw);
            std::string out(in.size() * 4 + 16, '\0');
            char* ip = in.data();
            size_t il = in.size();
            char* op = out.data();
            size_t ol = out.size();
            size_t r = iconv(cd, &ip, &il, &op, &ol);
            iconv_close(cd);
            if (r == size_t(-1))
                source_error(filename, "(unicode error) '" + enc + "' codec can't decode the source", 0, -1);
            out.resize(out.size() - ol);
            decoded = std::move(out);
            raw = decoded;
        }
    }
    // Validate UTF-8, reporting the first bad byte as CPython's decoder does.
    {
        size_t i = 0, line_start = 0;
        int line = 1;
        while (i < raw.size()) {
            unsigned char ch = (unsigned char)raw[i];
            if (ch == '\n') {
                line++;
                line_start = i + 1;
            }
            if (ch < 128) {
                i++;
                continue;
            }
            int32_t cp;
            auto n = utf8proc_iterate(reinterpret_cast<utf8proc_uint8_t const*>(raw.data() + i),
                utf8proc_ssize_t(raw.size() - i), &cp);
            if (n <= 0) {
                char buf[200];
                char const* why = (ch >= 0x80 && ch < 0xC2) || ch > 0xF4 ? "invalid start byte" : "invalid continuation byte";
                snprintf(buf, sizeof buf, "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                    unsigned(ch), i - line_start, why);
                // CPython points past the end of the offending line.
                size_t e = raw.find('\n', i);
                if (e == std::string_view::npos)
                    e = raw.size();
                source_error(filename, buf, line, int(e - line_start) + 1);
            }
            i += size_t(n);
        }
    }
    out.text.clear();
    out.text.reserve(raw.size() + 1);
    for (size_t i = 0; i < raw.size(); i++) {
        char ch = raw[i];
        if (ch == '\r') {
            out.text += '\n';
            if (i + 1 < raw.size() && raw[i + 1] == '\n')
                i++;
        } else {
            out.text += ch;
        }
    }
    if (!out.text.empty() && out.text.back() != '\n')
        out.text += '\n';
    out.line_starts.clear();
    out.line_starts.push_back(0);
    for (size_t i = 0; i < out.text.size(); i++)
        if (out.text[i] == '\n' && i + 1 < out.text.size())
            out.line_starts.push_back(uint32_t(i + 1));
}

// ---- Tokenizer ---------------------------------------------------------------------------------

Tokenizer::Tokenizer(Source const& src, uint32_t begin, uint32_t end, bool fstring_expr)
    : m_src(src)
    , m_text(src.text.data())
    , m_begin(begin)
    , m_end(end)
    , m_cur(begin)
    , m_fstring(fstring_expr)
{
    m_line = src.text.empty() ? 1 : src.line_of(begin);
    m_line_start = src.text.empty() ? 0 : src.line_starts[size_t(m_line) - 1];
    if (m_fstring)
        m_at_bol = false;
}

int Tokenizer::next_char()
{
    if (m_cur >= m_end) {
        m_cur = m_end + 1; // so that backup() after EOF is balanced
        return kEOF;
    }
    unsigned char c = (unsigned char)m_text[m_cur++];
    if (c == '\n') {
        m_line++;
        m_line_start = m_cur;
    }
    return c;
}

void Tokenizer::backup()
{
    if (m_cur > m_end) {
        m_cur = m_end;
        return;
    }
    m_cur--;
    if (m_text[m_cur] == '\n') {
        m_line--;
        m_line_start = m_src.line_starts[size_t(m_line) - 1];
    }
}

int Tokenizer::char_count(uint32_t line_start, uint32_t pos) const
{
    int n = 0;
    for (uint32_t i = line_start; i < pos;) {
        int32_t cp;
        i += uint32_t(decode_utf8(m_text + i, pos - i, cp));
        n++;
    }
    return n;
}

void Tokenizer::emit(TokType type, uint32_t start, uint32_t end, Op op)
{
    Token t;
    t.type = type;
    t.op = op;
    t.start = start;
    t.end = end;
    t.level = uint8_t(m_parens.size() > 255 ? 255 : m_parens.size());
    t.line = m_src.line_of(start);
    t.col = int(start - m_src.line_starts[size_t(t.line) - 1]);
    if (end > start) {
        t.end_line = m_src.line_of(end - 1);
        t.end_col = int(end - m_src.line_starts[size_t(t.end_line) - 1]);
    } else {
        t.end_line = t.line;
        t.end_col = t.col;
    }
    if (type == TokType::Name)
        t.kw = lookup_keyword(std::string_view(m_text + start, end - start));
    m_tokens.push_back(t);
}

void Tokenizer::fail(char const* kind, std::string msg, int lineno, int offset, int end_lineno,
    int end_offset, bool overrides)
{
    SyntaxErrorInfo info;
    info.kind = kind;
    info.msg = std::move(msg);
    info.filename = m_src.filename;
    info.lineno = lineno;
    info.offset = offset;
    info.end_lineno = end_lineno;
    info.end_offset = end_offset;
    info.text = std::string(m_src.line_text(lineno));
    m_error = std::move(info);
    m_error_overrides = overrides;
    Token t;
    t.type = TokType::Error;
    t.start = t.end = m_cur > m_end ? m_end : m_cur;
    t.line = t.end_line = lineno;
    t.col = t.end_col = offset > 0 ? offset - 1 : 0;
    m_tokens.push_back(t);
    m_done = true;
}

void Tokenizer::fail_here(std::string msg)
{
    uint32_t pos = m_cur > m_end ? m_end : m_cur;
    int n = char_count(m_line_start, pos);
    fail("SyntaxError", std::move(msg), m_line, n, m_line, n, true);
}

void Tokenizer::fail_never_closed()
{
    Paren const& p = m_parens.back();
    m_unclosed_line = p.line;
    std::string msg = std::string("'") + p.ch + "' was never closed";
    m_cur = m_end;
    fail("SyntaxError", msg, p.line, m_src.char_offset(p.line, p.col + 1), p.line, 0, false);
}

void Tokenizer::run()
{
    m_tokens.reserve((m_end - m_begin) / 4 + 16);
    if (m_fstring) {
        // The opening brace reads as '('.
        emit(TokType::Op, m_cur, m_cur + 1, Op::LPar);
        m_parens.push_back({ '(', m_line, int(m_cur - m_line_start) });
        next_char();
    }
    while (!m_done && scan_token()) { }
}

bool Tokenizer::scan_indentation()
{
    int col = 0, altcol = 0;
    // As CPython: indentation goes on over backslash continuations, and the column of the first
    // backslash (0 reads as unset there) is the line's indentation, unless the line is blank.
    int cont_line_col = 0;
    int c;
    for (;;) {
        c = next_char();
        if (c == ' ') {
            col++;
            altcol++;
        } else if (c == '\t') {
            col = (col / 8 + 1) * 8;
            altcol++;
        } else if (c == '\f') {
            col = altcol = 0;
        } else if (c == '\\') {
            int d = next_char();
            if (d == '\n' && m_cur < m_end) {
                cont_line_col = cont_line_col ? cont_line_col : col;
                continue;
            }
            backup(); // the main scanner reports a bad continuation
            break;
        } else {
            break;
        }
    }
    backup();
    m_blankline = (c == '#' || c == '\n');
    if (m_blankline || !m_parens.empty())
        return true;
    if (c == kEOF)
        col = altcol = 0;
    if (cont_line_col) {
        col = cont_line_col;
        altcol = cont_line_col;
    }
    auto tab_error = [&] {
        fail("TabError", "inconsistent use of tabs and spaces in indentation", m_line, 1, m_line, 0, false);
    };
    if (col == m_indents.back()) {
        if (altcol != m_alt_indents.back()) {
            tab_error();
            return false;
        }
    } else if (col > m_indents.back()) {
        if (m_indents.size() >= kMaxIndent) {
            fail("IndentationError", "too many levels of indentation", m_line, 1, m_line, 0, false);
            return false;
        }
        if (altcol <= m_alt_indents.back()) {
            tab_error();
            return false;
        }
        m_pending++;
        m_indents.push_back(col);
        m_alt_indents.push_back(altcol);
    } else {
        while (m_indents.size() > 1 && col < m_indents.back()) {
            m_pending--;
            m_indents.pop_back();
            m_alt_indents.pop_back();
        }
        if (col != m_indents.back()) {
            std::string_view line = m_src.line_text(m_line);
            int n = char_count(m_line_start, m_line_start + uint32_t(line.size()));
            fail("IndentationError", "unindent does not match any outer indentation level", m_line, n,
                m_line, -1, false);
            return false;
        }
        if (altcol != m_alt_indents.back()) {
            tab_error();
            return false;
        }
    }
    return true;
}

bool Tokenizer::lookahead(char const* rest)
{
    int n = 0;
    bool ok = false;
    for (char const* p = rest;; p++) {
        int c = next_char();
        n++;
        if (*p == 0) {
            ok = !is_id_char(c);
            break;
        }
        if (c != (unsigned char)*p)
            break;
    }
    while (n--)
        backup();
    return ok;
}

bool Tokenizer::verify_end_of_number(int c, char const* kind)
{
    // A number directly followed by a keyword that may legally follow it ("1if x else y") is
    // accepted (CPython only warns).
    bool r = false;
    if (c == 'a')
        r = lookahead("nd");
    else if (c == 'e')
        r = lookahead("lse");
    else if (c == 'f')
        r = lookahead("or");
    else if (c == 'i') {
        int c2 = next_char();
        r = c2 == 'f' || c2 == 'n' || c2 == 's';
        backup();
    } else if (c == 'o')
        r = lookahead("r");
    else if (c == 'n')
        r = lookahead("ot");
    if (r) {
        m_warnings.emplace_back(std::string("invalid ") + kind + " literal", m_line);
        return true;
    }
    if (is_id_char(c)) {
        backup();
        fail_here(std::string("invalid ") + kind + " literal");
        return false;
    }
    return true;
}

// Reads digits with single underscores after the first digit; returns the first other char, or
// 0 after an error.
int Tokenizer::decimal_tail()
{
    int c;
    for (;;) {
        do {
            c = next_char();
        } while (is_digit(c));
        if (c != '_')
            break;
        c = next_char();
        if (!is_digit(c)) {
            backup();
            fail_here("invalid decimal literal");
            return 0;
        }
    }
    return c;
}

bool Tokenizer::scan_number(int c)
{
    uint32_t start = m_cur - 1;
    auto finish = [&](int last) {
        (void)last;
        backup();
        emit(TokType::Number, start, m_cur);
        return true;
    };
    bool fraction = false, exponent = false, imaginary = false;
    if (c == '.') {
        // Called with the '.' consumed and a digit following.
        c = next_char();
        fraction = true;
    } else if (c == '0') {
        c = next_char();
        if (c == 'x' || c == 'X') {
            c = next_char();
            do {
                if (c == '_')
                    c = next_char();
                if (!is_xdigit(c)) {
                    backup();
                    fail_here("invalid hexadecimal literal");
                    return false;
                }
                do {
                    c = next_char();
                } while (is_xdigit(c));
            } while (c == '_');
            if (!verify_end_of_number(c, "hexadecimal"))
                return false;
            return finish(c);
        }
        if (c == 'o' || c == 'O' || c == 'b' || c == 'B') {
            bool octal = c == 'o' || c == 'O';
            char const* kind = octal ? "octal" : "binary";
            char maxd = octal ? '7' : '1';
            c = next_char();
            do {
                if (c == '_')
                    c = next_char();
                if (c < '0' || c > maxd) {
                    if (is_digit(c)) {
                        fail_here(std::string("invalid digit '") + char(c) + "' in " + kind + " literal");
                    } else {
                        backup();
                        fail_here(std::string("invalid ") + kind + " literal");
                    }
                    return false;
                }
                do {
                    c = next_char();
                } while (c >= '0' && c <= maxd);
            } while (c == '_');
            if (is_digit(c)) {
                fail_here(std::string("invalid digit '") + char(c) + "' in " + kind + " literal");
                return false;
            }
            if (!verify_end_of_number(c, kind))
                return false;
            return finish(c);
        }
        bool nonzero = false;
        for (;;) {
            if (c == '_') {
                c = next_char();
                if (!is_digit(c)) {
                    backup();
                    fail_here("invalid decimal literal");
                    return false;
                }
            }
            if (c != '0')
                break;
            c = next_char();
        }
        uint32_t zeros_end = m_cur;
        if (is_digit(c)) {
            nonzero = true;
            c = decimal_tail();
            if (c == 0)
                return false;
        }
        if (c == '.') {
            c = next_char();
            fraction = true;
        } else if (c == 'e' || c == 'E') {
            exponent = true;
        } else if (c == 'j' || c == 'J') {
            imaginary = true;
        } else if (nonzero) {
            backup();
            int s = char_count(m_line_start, start) + 1;
            int e = char_count(m_line_start, zeros_end - 1) + 1;
            fail("SyntaxError",
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                m_line, s, m_line, e, true);
            return false;
        } else {
            if (!verify_end_of_number(c, "decimal"))
                return false;
            return finish(c);
        }
    } else {
        c = decimal_tail();
        if (c == 0)
            return false;
        if (c == '.') {
            c = next_char();
            fraction = true;
        }
    }
    if (fraction) {
        if (is_digit(c)) {
            c = decimal_tail();
            if (c == 0)
                return false;
        }
    }
    if (!imaginary && (exponent || c == 'e' || c == 'E')) {
        int e = c;
        c = next_char();
        if (c == '+' || c == '-') {
            c = next_char();
            if (!is_digit(c)) {
                backup();
                fail_here("invalid decimal literal");
                return false;
            }
        } else if (!is_digit(c)) {
            backup();
            if (!verify_end_of_number(e, "decimal"))
                return false;
            backup();
            emit(TokType::Number, start, m_cur);
            return true;
        }
        c = decimal_tail();
        if (c == 0)
            return false;
    }
    if (imaginary || c == 'j' || c == 'J') {
        c = next_char();
        if (!verify_end_of_number(c, "imaginary"))
            return false;
    } else if (!verify_end_of_number(c, "decimal")) {
        return false;
    }
    return finish(c);
}

bool Tokenizer::scan_string(uint32_t start, int quote)
{
    int start_line = m_src.line_of(start);
    uint32_t start_line_start = m_src.line_starts[size_t(start_line) - 1];
    int quote_size = 1, end_quote_size = 0;
    int c = next_char();
    if (c == quote) {
        c = next_char();
        if (c == quote)
            quote_size = 3;
        else
            end_quote_size = 1; // empty string
    }
    if (c != quote)
        backup();
    while (end_quote_size != quote_size) {
        c = next_char();
        if (c == kEOF || (quote_size == 1 && c == '\n')) {
            int detected = m_src.line_of((m_cur > m_end ? m_end : m_cur) - 1);
            int off = char_count(start_line_start, start) + 1;
            char buf[120];
            snprintf(buf, sizeof buf, "unterminated %sstring literal (detected at line %d)",
                quote_size == 3 ? "triple-quoted " : "", detected);
            fail("SyntaxError", buf, start_line, off, start_line, off, true);
            return false;
        }
        if (c == quote) {
            end_quote_size++;
        } else {
            end_quote_size = 0;
            if (c == '\\')
                next_char();
        }
    }
    emit(TokType::String, start, m_cur);
    return true;
}

bool Tokenizer::scan_name(uint32_t start)
{
    bool nonascii = false;
    int c;
    for (;;) {
        c = next_char();
        if (!is_id_char(c))
            break;
        if (c >= 128)
            nonascii = true;
    }
    backup();
    if (nonascii || (unsigned char)m_text[start] >= 128) {
        // Every non-ASCII character was read as an identifier character; check them now.
        uint32_t i = start;
        bool first = true;
        while (i < m_cur) {
            int32_t cp;
            int n = decode_utf8(m_text + i, m_cur - i, cp);
            // CPython's verify_identifier(): str.isidentifier()'s tables (Unicode 14.0).
            bool ok = first ? uni_isxid_start(uint32_t(cp)) : uni_isxid_continue(uint32_t(cp));
            if (!ok) {
                m_cur = i + uint32_t(n);
                if (uni_isprintable(uint32_t(cp)))
                    fail_here("invalid character '" + utf8_encode(cp) + "' (U+" + hex4(cp) + ")");
                else
                    fail_here("invalid non-printable character U+" + hex4(cp));
                return false;
            }
            first = false;
            i += uint32_t(n);
        }
    }
    emit(TokType::Name, start, m_cur);
    return true;
}

bool Tokenizer::scan_token()
{
    if (m_at_bol) {
        m_at_bol = false;
        if (!scan_indentation())
            return false;
    }
    if (m_pending != 0) {
        uint32_t pos = m_cur;
        if (m_pending > 0) {
            m_pending--;
            emit(TokType::Indent, pos, pos);
        } else {
            m_pending++;
            emit(TokType::Dedent, pos, pos);
        }
        return true;
    }
    int c;
again:
    do {
        c = next_char();
    } while (c == ' ' || c == '\t' || c == '\f');
    uint32_t start = m_cur - 1;
    uint32_t comment = start; // where a NEWLINE token after a comment starts
    if (c == '#') {
        do {
            c = next_char();
        } while (c != kEOF && c != '\n');
        start = m_cur - 1;
    }
    if (m_fstring && c != kEOF && start == m_end - 1) {
        // The character that ended the replacement field reads as ')'.
        emit(TokType::Op, start, start + 1, Op::RPar);
        if (!m_parens.empty())
            m_parens.pop_back();
        m_cur = m_end;
        emit(TokType::EndMarker, m_end, m_end);
        return false;
    }
    if (c == kEOF) {
        if (!m_parens.empty()) {
            fail_never_closed();
            return false;
        }
        m_cur = m_end;
        emit(TokType::EndMarker, m_end, m_end);
        return false;
    }
    if (is_id_start(c)) {
        bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
        for (;;) {
            if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B'))
                saw_b = true;
            else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U'))
                saw_u = true;
            else if (!(saw_r || saw_u) && (c == 'r' || c == 'R'))
                saw_r = true;
            else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F'))
                saw_f = true;
            else
                break;
            c = next_char();
            if (c == '"' || c == '\'')
                return scan_string(start, c);
        }
        backup();
        return scan_name(start);
    }
    if (c == '\n') {
        if (m_blankline || !m_parens.empty()) {
            // A blank line or a newline inside brackets: no token.
            m_at_bol = true;
            m_blankline = false;
            return true;
        }
        // As CPython's: from the comment before it, if any, to the '\n' left out.
        emit(TokType::Newline, comment, start);
        m_at_bol = true;
        m_cont_line = false;
        return true;
    }
    if (c == '.') {
        c = next_char();
        if (is_digit(c)) {
            backup();
            return scan_number('.');
        }
        if (c == '.') {
            c = next_char();
            if (c == '.') {
                emit(TokType::Op, start, m_cur, Op::Ellipsis);
                return true;
            }
            backup();
            backup();
        } else {
            backup();
        }
        emit(TokType::Op, start, m_cur, Op::Dot);
        return true;
    }
    if (is_digit(c))
        return scan_number(c);
    if (c == '"' || c == '\'')
        return scan_string(start, c);
    if (c == '\\') {
        c = next_char();
        if (c != '\n') {
            // CPython reports the column just past the character after the backslash.
            uint32_t pos = m_cur > m_end ? m_end : m_cur;
            int n = char_count(m_line_start, pos);
            fail("SyntaxError", "unexpected character after line continuation character", m_line, n,
                m_line, 0, false);
            return false;
        }
        c = next_char();
        if (c == kEOF && !m_parens.empty()) {
            fail_never_closed(); // CPython's E_EOF inside brackets
            return false;
        }
        if (c == kEOF) {
            m_cur = m_end;
            fail("SyntaxError", "unexpected EOF while parsing", m_src.line_of(m_end - 1),
                m_src.char_offset(m_src.line_of(m_end - 1),
                    int(m_src.line_text(m_src.line_of(m_end - 1)).size())),
                m_src.line_of(m_end - 1), -1, false);
            return false;
        }
        backup();
        m_cont_line = true;
        goto again;
    }
    // Operators: longest match.
    {
        int c2 = next_char();
        int c3 = kEOF;
        Op op = Op::None;
        int len = 1;
        auto two = [&](int second, Op o) {
            if (c2 == second) {
                op = o;
                len = 2;
                return true;
            }
            return false;
        };
        // "**", "//", "<<", ">>" and their augmented forms ("**=", ...).
        auto doubled = [&](int second, Op pair, Op pair_equal) {
            if (c2 != second)
                return false;
            c3 = next_char();
            if (c3 == '=') {
                op = pair_equal;
                len = 3;
            } else {
                backup();
                op = pair;
                len = 2;
            }
            return true;
        };
        switch (c) {
        case '(': op = Op::LPar; break;
        case ')': op = Op::RPar; break;
        case '[': op = Op::LSqb; break;
        case ']': op = Op::RSqb; break;
        case '{': op = Op::LBrace; break;
        case '}': op = Op::RBrace; break;
        case ',': op = Op::Comma; break;
        case ';': op = Op::Semi; break;
        case '~': op = Op::Tilde; break;
        case ':': if (!two('=', Op::ColonEqual)) op = Op::Colon; break;
        case '+': if (!two('=', Op::PlusEqual)) op = Op::Plus; break;
        case '-': if (!two('=', Op::MinEqual) && !two('>', Op::RArrow)) op = Op::Minus; break;
        case '%': if (!two('=', Op::PercentEqual)) op = Op::Percent; break;
        case '&': if (!two('=', Op::AmperEqual)) op = Op::Amper; break;
        case '|': if (!two('=', Op::VBarEqual)) op = Op::VBar; break;
        case '^': if (!two('=', Op::CircumflexEqual)) op = Op::Circumflex; break;
        case '@': if (!two('=', Op::AtEqual)) op = Op::At; break;
        case '=': if (!two('=', Op::EqEqual)) op = Op::Equal; break;
        case '!': if (!two('=', Op::NotEqual)) op = Op::Exclamation; break;
        case '*':
            if (!doubled('*', Op::DoubleStar, Op::DoubleStarEqual) && !two('=', Op::StarEqual))
                op = Op::Star;
            break;
        case '/':
            if (!doubled('/', Op::DoubleSlash, Op::DoubleSlashEqual) && !two('=', Op::SlashEqual))
                op = Op::Slash;
            break;
        case '<':
            if (!doubled('<', Op::LeftShift, Op::LeftShiftEqual) && !two('=', Op::LessEqual)
                && !two('>', Op::NotEqual))
                op = Op::Less;
            break;
        case '>':
            if (!doubled('>', Op::RightShift, Op::RightShiftEqual) && !two('=', Op::GreaterEqual))
                op = Op::Greater;
            break;
        default:
            break;
        }
        if (len == 1)
            backup();
        if (op == Op::None) {
            if (c < 128 && !((c >= 32 && c < 127))) {
                fail_here("invalid non-printable character U+" + hex4(c));
                return false;
            }
            op = Op::Unknown;
        }
        if (c == '(' || c == '[' || c == '{') {
            if (m_parens.size() >= kMaxParenLevel) {
                fail_here("too many nested parentheses");
                return false;
            }
            m_parens.push_back({ char(c), m_line, int(start - m_line_start) });
        } else if (c == ')' || c == ']' || c == '}') {
            if (m_parens.empty() || (m_fstring && m_parens.size() == 1)) {
                fail_here(std::string("unmatched '") + char(c) + "'");
                return false;
            }
            Paren open = m_parens.back();
            m_parens.pop_back();
            char want = open.ch == '(' ? ')' : open.ch == '[' ? ']' : '}';
            if (want != c) {
                std::string msg = std::string("closing parenthesis '") + char(c)
                    + "' does not match opening parenthesis '" + open.ch + "'";
                if (open.line != m_line)
                    msg += " on line " + std::to_string(open.line);
                fail_here(msg);
                return false;
            }
        }
        emit(TokType::Op, start, m_cur, op);
        return true;
    }
}

char const* op_text(Op op)
{
    static char const* const names[] = { "", "(", ")", "[", "]", ":", ",", ";", "+", "-", "*", "/",
        "|", "&", "<", ">", "=", ".", "%", "{", "}", "==", "!=", "<=", ">=", "~", "^", "<<", ">>",
        "**", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "**=", "//", "//=", "@",
        "@=", "->", "...", ":=", "!", "?" };
    return names[size_t(op)];
}

char const* keyword_text(Kw kw)
{
    for (auto const& e : s_keywords)
        if (e.kw == kw)
            return e.text;
    return "";
}

} // namespace pystm::compiler
