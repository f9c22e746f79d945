// Front end entry points: source text to AST. Independent of the object layer (see ast.h).
#pragma once

#include "compiler/ast.h"
#include <string>
#include <string_view>

namespace pystm::compiler {

enum class ParseMode { Exec, Eval, Single };

// A syntax error found by the tokenizer, parser, symbol table or compiler. It becomes a Python
// SyntaxError (or subclass [kind]) with CPython's attributes: lineno/end_lineno are 1-based;
// offset/end_offset are 1-based *character* columns as CPython reports them (0 = unknown);
// text is the source line including its newline, as CPython's SyntaxError.text.
struct SyntaxErrorInfo {
    std::string kind = "SyntaxError"; // or "IndentationError", "TabError"
    std::string msg;
    std::string filename;
    int lineno = 0;
    int offset = 0;
    int end_lineno = 0;
    int end_offset = 0;
    std::string text;
};
struct SyntaxErrorException {
    SyntaxErrorInfo info;
};

// Parses [source] (UTF-8; a PEP 263 coding line other than utf-8/latin-1 is an error) into a
// tree owned by [arena]. Throws SyntaxErrorException; never any other exception, never crashes,
// whatever the input.
// [from_bytes]: see load_source().
ast::Mod* parse(ast::Arena& arena, std::string_view source, std::string_view filename,
    ParseMode mode, bool from_bytes = false);

} // namespace pystm::compiler
