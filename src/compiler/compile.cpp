// Compiler entry points (compiler/compiler.h): symbol table + code generation + assembly, and
// the conversion of SyntaxErrorInfo into a raised Python SyntaxError.
#include "compiler/codegen.h"
#include "compiler/compiler.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"

namespace pystm::compiler {

CodeObject* compile_ast(ast::Mod* mod, std::string_view filename, ParseMode mode)
{
    auto st = build_symtable(mod, filename);
    Compiler c(*st, filename, mode);
    return c.compile_mod(mod);
}

namespace {
// The [lineno]th line of [source] including its newline (CPython's SyntaxError.text).
std::string source_line(std::string_view source, int lineno)
{
    if (lineno <= 0)
        return { };
    size_t pos = 0;
    for (int l = 1; l < lineno; ++l) {
        size_t nl = source.find('\n', pos);
        if (nl == std::string_view::npos)
            return { };
        pos = nl + 1;
    }
    size_t nl = source.find('\n', pos);
    std::string line(source.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos + 1));
    if (line.empty() || line.back() != '\n')
        line += '\n';
    return line;
}
} // namespace

CodeObject* compile_source(std::string_view source, std::string_view filename, ParseMode mode)
{
    SyntaxErrorInfo info;
    try {
        ast::Arena arena;
        ast::Mod* mod = parse(arena, source, filename, mode);
        return compile_ast(mod, filename, mode);
    } catch (SyntaxErrorException& e) {
        info = std::move(e.info);
        // Errors found after parsing carry no text; CPython reads it back from the file when
        // there is one (not for "<string>"-like names).
        if (info.text.empty() && !filename.empty() && filename.front() != '<')
            info.text = source_line(source, info.lineno);
    }
    raise_syntax_error(info);
}

void raise_syntax_error(SyntaxErrorInfo const& info)
{
    Type* type = &exc::SyntaxError;
    if (info.kind == "IndentationError")
        type = &exc::IndentationError;
    else if (info.kind == "TabError")
        type = &exc::TabError;
    Value text = info.text.empty() ? none() : Value(str_from_utf8(info.text));
    Value details = Value(tuple_of({ Value(str_from_utf8(info.filename)), int_from_i64(info.lineno),
        int_from_i64(info.offset), text, int_from_i64(info.end_lineno), int_from_i64(info.end_offset) }));
    Value exc = exception_new(type, { Value(str_from_utf8(info.msg)), details });
    raise_value(exc);
}

} // namespace pystm::compiler
