// Compiler entry points (compiler/compiler.h): symbol table + code generation + assembly, and
// the conversion of SyntaxErrorInfo into a raised Python SyntaxError.
#include "compiler/codegen.h"
#include "compiler/compiler.h"
#include "compiler/tokenizer.h"
#include "modules/builtin_modules.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"

namespace pystm::compiler {

int g_optimization_level = 0;

CodeObject* compile_ast(ast::Mod* mod, std::string_view filename, ParseMode mode,
    std::vector<CompileWarning>* warnings, bool top_level_await, int optimize)
{
    auto st = build_symtable(mod, filename);
    Compiler c(*st, filename, mode);
    c.set_warnings(warnings);
    c.set_top_level_await(top_level_await);
    c.set_optimize(optimize < 0 ? g_optimization_level : optimize);
    return c.compile_mod(mod);
}

CodeObject* compile_ast(ast::Mod* mod, std::string_view filename, ParseMode mode)
{
    return compile_ast(mod, filename, mode, nullptr);
}

namespace {
    // The [lineno]th line of [source] including its newline (CPython's SyntaxError.text).
    std::string source_line(std::string_view source, int lineno)
    {
        if (lineno <= 0)
            return {};
        size_t pos = 0;
        for (int l = 1; l < lineno; ++l) {
            size_t nl = source.find('\n', pos);
            if (nl == std::string_view::npos)
                return {};
            pos = nl + 1;
        }
        size_t nl = source.find('\n', pos);
        std::string line(source.substr(
            pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos + 1));
        if (line.empty() || line.back() != '\n')
            line += '\n';
        return line;
    }
} // namespace

namespace {
    std::string strip(std::string s)
    {
        size_t b = s.find_first_not_of(" \t\f\r\n");
        if (b == std::string::npos)
            return {};
        size_t e = s.find_last_not_of(" \t\f\r\n");
        return s.substr(b, e - b + 1);
    }

    // Issues the warnings of one compilation. Runs Python code (warnings filters, a replaced
    // sys.stderr), so it is called only once the code object is complete (GC-2).
    void issue_warnings(std::vector<CompileWarning> const& warnings, std::string_view source,
        std::string_view filename)
    {
        for (auto const& w : warnings) {
            Value modules = sys_get("modules");
            Value wmod = modules && modules.is_object() && isinstance(modules, &dict_type)
                ? dict_get_cstr(modules.as<DictObject>(), "warnings")
                : Value();
            if (wmod) {
                try {
                    Value args[] = { Value(str_from_utf8(w.msg)), Value(&exc::SyntaxWarning),
                        Value(str_from_utf8(filename)), int_from_i64(w.loc.line) };
                    py_call_method(wmod, intern("warn_explicit"), args, 4);
                } catch (PyError&) {
                    if (!exception_matches(&exc::SyntaxWarning))
                        throw;
                    // A SyntaxWarning turned into an error is reported as a SyntaxError.
                    take_exception();
                    SyntaxErrorInfo info = make_error(w.msg, filename, w.loc);
                    if (!filename.empty() && filename.front() != '<')
                        info.text = source_line(source, w.loc.line);
                    raise_syntax_error(info);
                }
                continue;
            }
            std::string text = std::string(filename) + ":" + std::to_string(w.loc.line)
                + ": SyntaxWarning: " + w.msg + "\n";
            if (!filename.empty() && filename.front() != '<') {
                std::string line = strip(source_line(source, w.loc.line));
                if (!line.empty())
                    text += "  " + line + "\n";
            }
            Value err = sys_get("stderr");
            if (err && !is_none(err)) {
                Value arg = Value(str_from_utf8(text));
                py_call_method(err, names::write, &arg, 1);
            }
        }
    }
} // namespace

CodeObject* compile_source(std::string_view source, std::string_view filename, ParseMode mode,
    bool from_bytes, bool top_level_await, int optimize)
{
    SyntaxErrorInfo info;
    try {
        std::vector<CompileWarning> warnings;
        CodeObject* code;
        {
            ast::Arena arena;
            ast::Mod* mod = parse(arena, source, filename, mode, from_bytes);
            for (auto const& [msg, line] : arena.m_warnings)
                warnings.push_back(CompileWarning { msg, ast::Loc { line, 0, line, 0 } });
            code = compile_ast(mod, filename, mode, &warnings, top_level_await, optimize);
        }
        if (!warnings.empty())
            issue_warnings(warnings, source, filename);
        return code;
    } catch (SyntaxErrorException& e) {
        info = std::move(e.info);
        // Errors found after parsing carry no text; CPython reads it back from the file when
        // there is one (not for "<string>"-like names).
        if (info.text.empty() && !filename.empty() && filename.front() != '<')
            info.text = source_line(source, info.lineno);
    }
    raise_syntax_error(info);
}

void check_source_file_encoding(std::string_view raw, std::string_view filename)
{
    int line = 0;
    int bad = non_utf8_file_byte(raw, &line);
    if (bad >= 0)
        raise(&exc::SyntaxError,
            "Non-UTF-8 code starting with '\\x%.2x' in file %.*s on line %d, but no encoding "
            "declared; "
            "see https://peps.python.org/pep-0263/ for details",
            bad, static_cast<int>(filename.size()), filename.data(), line);
}

void raise_syntax_error(SyntaxErrorInfo const& info)
{
    Type* type = &exc::SyntaxError;
    if (info.kind == "IndentationError")
        type = &exc::IndentationError;
    else if (info.kind == "TabError")
        type = &exc::TabError;
    // The text of a line that is not valid UTF-8 reads with U+FFFD, as CPython decodes it.
    Value text = info.text.empty() ? none() : Value(codecs::decode(info.text, "utf-8", "replace"));
    Value details = Value(tuple_of(
        { Value(str_from_utf8(info.filename)), int_from_i64(info.lineno), int_from_i64(info.offset),
            text, int_from_i64(info.end_lineno), int_from_i64(info.end_offset) }));
    Value exc = exception_new(type, { Value(str_from_utf8(info.msg)), details });
    raise_value(exc);
}

} // namespace pystm::compiler
