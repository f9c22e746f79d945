// Unit tests of the tokenizer: token kinds and positions, indentation, line joining, literals
// and the tokenizer's own errors.
#include "compiler/tokenizer.h"

#include <gtest/gtest.h>

using namespace pystm::compiler;

namespace {

struct Lexed {
    Source src;
    std::vector<Token> tokens;
    std::optional<SyntaxErrorInfo> error;
};

Lexed lex(std::string_view text)
{
    Lexed l;
    load_source(l.src, text, "<test>");
    Tokenizer t(l.src);
    t.run();
    l.tokens = t.tokens();
    l.error = t.error();
    return l;
}

std::string kinds(Lexed const& l)
{
    std::string s;
    for (auto const& t : l.tokens) {
        switch (t.type) {
        case TokType::EndMarker: s += "END"; break;
        case TokType::Name: s += "N"; break;
        case TokType::Number: s += "#"; break;
        case TokType::String: s += "S"; break;
        case TokType::Newline: s += "NL"; break;
        case TokType::Indent: s += "IN"; break;
        case TokType::Dedent: s += "DE"; break;
        case TokType::Op: s += op_text(t.op); break;
        case TokType::Error: s += "ERR"; break;
        }
        s += ' ';
    }
    return s;
}

} // namespace

TEST(Tokenizer, Basic)
{
    EXPECT_EQ(kinds(lex("x = 1\n")), "N = # NL END ");
    EXPECT_EQ(kinds(lex("x = 1")), "N = # NL END ");
    EXPECT_EQ(kinds(lex("a **= b // c\n")), "N **= N // N NL END ");
    EXPECT_EQ(kinds(lex("f(a, b) -> c ... := @=\n")), "N ( N , N ) -> N ... := @= NL END ");
}

TEST(Tokenizer, Indentation)
{
    EXPECT_EQ(kinds(lex("if x:\n    y\n\n  # c\n    z\nw\n")), "N N : NL IN N NL N NL DE N NL END ");
    EXPECT_EQ(kinds(lex("if x:\n  if y:\n    z\n")), "N N : NL IN N N : NL IN N NL DE DE END ");
    auto l = lex("if x:\n    a\n  b\n");
    ASSERT_TRUE(l.error);
    EXPECT_EQ(l.error->kind, "IndentationError");
    EXPECT_EQ(l.error->msg, "unindent does not match any outer indentation level");
    auto t = lex("if x:\n\ta\n        b\n");
    ASSERT_TRUE(t.error);
    EXPECT_EQ(t.error->kind, "TabError");
}

TEST(Tokenizer, LineJoining)
{
    EXPECT_EQ(kinds(lex("x = (1,\n  2)\n")), "N = ( # , # ) NL END ");
    EXPECT_EQ(kinds(lex("x = 1 + \\\n  2\n")), "N = # + # NL END ");
    EXPECT_EQ(kinds(lex("x = 1\r\ny = 2\r\n")), "N = # NL N = # NL END ");
}

TEST(Tokenizer, Literals)
{
    auto l = lex("rb'x' f\"{a}\" '''a\nb''' 0x_1f 1_000.5e-3j .5 1if x else 2\n");
    EXPECT_EQ(kinds(l), "S S S # # # # N N N # NL END ");
    EXPECT_EQ(l.tokens[2].line, 1);
    EXPECT_EQ(l.tokens[2].end_line, 2);
    EXPECT_EQ(l.tokens[3].col, 5);
}

TEST(Tokenizer, Errors)
{
    auto msg = [](char const* s) {
        auto l = lex(s);
        return l.error ? l.error->msg : std::string("none");
    };
    EXPECT_EQ(msg("1abc\n"), "invalid decimal literal");
    EXPECT_EQ(msg("0777\n"), "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    EXPECT_EQ(msg("0b2\n"), "invalid digit '2' in binary literal");
    EXPECT_EQ(msg("x = \"abc\n"), "unterminated string literal (detected at line 1)");
    EXPECT_EQ(msg("x = '''abc\n\n"), "unterminated triple-quoted string literal (detected at line 2)");
    EXPECT_EQ(msg("x = )\n"), "unmatched ')'");
    EXPECT_EQ(msg("x = (]\n"), "closing parenthesis ']' does not match opening parenthesis '('");
    EXPECT_EQ(msg("x = (\n"), "'(' was never closed");
    EXPECT_EQ(msg("x = \xe2\x82\xac\n"), "invalid character '\xe2\x82\xac' (U+20AC)");
    EXPECT_EQ(msg("x = \\ 1\n"), "unexpected character after line continuation character");
    EXPECT_EQ(msg(std::string(201, '(').c_str()), "too many nested parentheses");
}

TEST(Tokenizer, NonAsciiIdentifiers)
{
    auto l = lex("\xc3\xa9t\xc3\xa9 = 1\n");
    EXPECT_EQ(kinds(l), "N = # NL END ");
    EXPECT_EQ(l.tokens[1].col, 6); // UTF-8 byte columns
}
