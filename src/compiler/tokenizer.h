// The Python 3.11 tokenizer: source text to a vector of tokens.
//
// Owns: source normalisation (BOM, PEP 263 coding line, CRLF/CR to LF, a final newline), the
// token stream (INDENT/DEDENT from an indentation stack, NEWLINE vs ignored blank lines,
// implicit and explicit line joining) and the tokenizer's own syntax errors, with CPython's
// messages and locations.
//
// Invariants: TOK-1: a token stream always ends with ENDMARKER or with a single Error token,
// whose error is in Tokenizer::error(). TOK-2: token columns are 0-based UTF-8 byte offsets
// into the normalised source line, as CPython's col_offset.
#pragma once

#include "compiler/parser.h"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pystm::compiler {

enum class TokType : uint8_t { EndMarker, Name, Number, String, Newline, Indent, Dedent, Op, Error };

enum class Op : uint8_t {
    None, LPar, RPar, LSqb, RSqb, Colon, Comma, Semi, Plus, Minus, Star, Slash, VBar, Amper, Less,
    Greater, Equal, Dot, Percent, LBrace, RBrace, EqEqual, NotEqual, LessEqual, GreaterEqual,
    Tilde, Circumflex, LeftShift, RightShift, DoubleStar, PlusEqual, MinEqual, StarEqual,
    SlashEqual, PercentEqual, AmperEqual, VBarEqual, CircumflexEqual, LeftShiftEqual,
    RightShiftEqual, DoubleStarEqual, DoubleSlash, DoubleSlashEqual, At, AtEqual, RArrow,
    Ellipsis, ColonEqual, Exclamation, Unknown
};

// Hard keywords; soft keywords (match, case, _) are plain names.
enum class Kw : uint8_t {
    None, False, NoneKw, True, And, As, Assert, Async, Await, Break, Class, Continue, Def, Del,
    Elif, Else, Except, Finally, For, From, Global, If, Import, In, Is, Lambda, Nonlocal, Not, Or,
    Pass, Raise, Return, Try, While, With, Yield
};

struct Token {
    TokType type = TokType::EndMarker;
    Op op = Op::None;
    Kw kw = Kw::None;
    uint8_t level = 0; // bracket nesting after this token (CPython's token level)
    uint32_t start = 0, end = 0; // byte offsets into Source::text
    int line = 0, col = 0, end_line = 0, end_col = 0;
};

// Normalised source text with a line table.
struct Source {
    std::string text; // LF line endings, ends with '\n' unless empty
    std::vector<uint32_t> line_starts; // line_starts[i]: offset of line i+1
    std::string filename;
    // Bytes without a BOM or an encoding declaration: CPython's tokenizer then has no encoding
    // and leaves error columns as byte offsets.
    bool byte_offsets = false;

    std::string_view line_text(int lineno) const; // including its '\n'
    // Number of characters in the first [bytes] bytes of line [lineno] (a partial trailing
    // character counts as one, like CPython's byte_offset_to_character_offset); [bytes] itself
    // with byte_offsets.
    int char_offset(int lineno, int bytes) const;
    int line_of(uint32_t offset) const;
};

// Builds a Source from raw bytes: strips a BOM (of bytes only), checks the coding declaration
// (utf-8 and latin-1 are accepted; latin-1 is transcoded), validates UTF-8 and normalises newlines.
// Throws SyntaxErrorException.
// [from_bytes]: the source was given as bytes (a file, compile(b"...")), not as a str.
void load_source(
    Source& out, std::string_view raw, std::string_view filename, bool from_bytes = false);
// CPython's check of a source file read without a BOM or an encoding declaration: the first
// byte that does not start a UTF-8 sequence (its value, -1 if none) and its line in [*line].
int non_utf8_file_byte(std::string_view raw, int* line);

// Makes a SyntaxErrorInfo; offsets are 1-based byte columns converted to characters where
// CPython converts them (positive values only).
SyntaxErrorInfo make_error(Source const& src, char const* kind, std::string msg, int lineno,
    int byte_offset, int end_lineno, int end_byte_offset);

class Tokenizer {
public:
    // Tokenizes src.text[begin, end). The default range is the whole source. [fstring_expr]:
    // the range is an f-string replacement field whose first and last characters are read as
    // '(' and ')' (so no INDENT/NEWLINE tokens are produced).
    Tokenizer(Source const& src, uint32_t begin, uint32_t end, bool fstring_expr);
    explicit Tokenizer(Source const& src) : Tokenizer(src, 0, uint32_t(src.text.size()), false) { }

    // Fills tokens() up to ENDMARKER or the first error (TOK-1).
    void run();

    std::vector<Token>& tokens() { return m_tokens; }
    // The tokenizer's error, if it stopped at one.
    std::optional<SyntaxErrorInfo> const& error() const { return m_error; }
    // SyntaxWarnings found while tokenizing ("invalid decimal literal" before a keyword), in
    // source order: message and line.
    std::vector<std::pair<std::string, int>> const& warnings() const { return m_warnings; }
    // True when the error was raised by the tokenizer itself (CPython sets the exception in
    // the tokenizer), so it takes precedence over parser errors found earlier in the file.
    bool error_overrides() const { return m_error_overrides; }
    // Set when the stream ended inside brackets: the line of the innermost unclosed one.
    int unclosed_line() const { return m_unclosed_line; }

private:
    int next_char();
    void backup();
    void emit(TokType type, uint32_t start, uint32_t end, Op op = Op::None);
    void fail(char const* kind, std::string msg, int lineno, int offset, int end_lineno,
        int end_offset, bool overrides);
    void fail_here(std::string msg); // CPython's syntaxerror(): location is the current char
    // End of input inside brackets: "'(' was never closed" at the innermost open bracket.
    void fail_never_closed();
    bool scan_token();
    bool scan_indentation();
    bool scan_number(int c);
    bool scan_string(uint32_t start, int quote);
    bool scan_name(uint32_t start);
    bool verify_end_of_number(int c, char const* kind);
    bool lookahead(char const* rest);
    int decimal_tail();
    int char_count(uint32_t line_start, uint32_t pos) const;

    Source const& m_src;
    char const* m_text;
    uint32_t m_begin, m_end, m_cur;
    uint32_t m_line_start;
    int m_line;
    std::vector<std::pair<std::string, int>> m_warnings;
    bool m_fstring;
    bool m_at_bol = true;
    bool m_blankline = false;
    bool m_cont_line = false;
    int m_pending = 0; // > 0: INDENTs to emit; < 0: DEDENTs
    std::vector<int> m_indents { 0 };
    std::vector<int> m_alt_indents { 0 };
    struct Paren {
        char ch;
        int line;
        int col;
    };
    std::vector<Paren> m_parens;
    std::vector<Token> m_tokens;
    std::optional<SyntaxErrorInfo> m_error;
    bool m_error_overrides = false;
    int m_unclosed_line = 0;
    bool m_done = false;
};

char const* op_text(Op op);
char const* keyword_text(Kw kw);

} // namespace pystm::compiler
